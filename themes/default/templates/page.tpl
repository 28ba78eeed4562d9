{{%AUTOESCAPE context="HTML"}}<article class="page">
<h1 class="headline">{{TITLE}}</h1>
<div class="body">{{BODY:none}}</div>
</article>
