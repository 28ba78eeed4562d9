{{%AUTOESCAPE context="HTML"}}<section class="error">
<h1>{{TITLE}}</h1>
<ul class="messages">{{#MESSAGE}}<li>{{TEXT}}</li>{{/MESSAGE}}</ul>
<p>{{BACK_LABEL}}</p>
<p><a href="/">{{HOME_LABEL}}</a></p>
</section>
