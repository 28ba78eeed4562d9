{{%AUTOESCAPE context="HTML"}}<section class="error">
<p class="status">{{STATUS}}</p>
<h1>{{TITLE}}</h1>
<p>{{TEXT}}</p>
<form class="search big" action="/search" method="get" role="search">
<input type="search" name="q" placeholder="{{SEARCH_PLACEHOLDER}}" aria-label="{{SEARCH_LABEL}}">
<button type="submit">{{SEARCH_LABEL}}</button>
</form>
<p><a href="/">{{HOME_LABEL}}</a></p>
</section>
