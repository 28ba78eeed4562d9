{{%AUTOESCAPE context="HTML"}}<section class="search-results">
<h1 class="list-title">{{HEADING}}</h1>
<form class="search big" action="/search" method="get" role="search">
<input type="search" name="q" value="{{QUERY}}" placeholder="{{SEARCH_PLACEHOLDER}}" aria-label="{{SEARCH_LABEL}}">
<button type="submit">{{SEARCH_LABEL}}</button>
</form>
{{#CUT}}<p class="search-cut">{{TEXT}}</p>{{/CUT}}
{{#PROMPT}}<p class="search-prompt">{{TEXT}}</p>{{/PROMPT}}
{{#SUGGESTION}}<p class="did-you-mean">{{LABEL}} <a href="{{URL}}">{{TEXT}}</a></p>{{/SUGGESTION}}
{{#COUNT}}<p class="search-count" role="status">{{TEXT}}</p>{{/COUNT}}
{{#EMPTY}}<div class="empty-state"><p>{{TEXT}}</p><p>{{HINT}}</p></div>{{/EMPTY}}
{{#RESULT}}<article class="card search-hit">
<h2><a href="{{URL}}">{{TITLE_HTML:none}}</a></h2>
<p class="meta"><span class="category">(<a href="{{CATEGORY_URL}}">{{CATEGORY}}</a>)</span> <time datetime="{{ISO}}">{{DATE}}</time>{{#PARTIAL}} · <span class="partial">{{TEXT}}</span>{{/PARTIAL}}</p>
{{#SNIPPET}}<p class="snippet">{{HTML:none}}</p>{{/SNIPPET}}
</article>
{{/RESULT}}
{{#PAGINATION}}<nav class="pagination" aria-label="{{PAGE_LABEL}}">{{#PREV}}<a rel="prev" href="{{URL}}">{{LABEL}}</a>{{/PREV}}<span class="current">{{PAGE_LABEL}} {{PAGE}} / {{PAGES}}</span>{{#NEXT}}<a rel="next" href="{{URL}}">{{LABEL}}</a>{{/NEXT}}</nav>{{/PAGINATION}}
</section>
