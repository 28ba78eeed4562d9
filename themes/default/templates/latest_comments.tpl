{{%AUTOESCAPE context="HTML"}}<section class="latest-comments" aria-labelledby="latest-comments-title">
<h2 id="latest-comments-title">{{LABEL}}</h2>
<ul>{{#ITEM}}<li><a href="{{URL}}">{{TITLE}}</a><p>{{EXCERPT}}</p><span class="who">{{NAME}} · <time datetime="{{ISO}}">{{WHEN}}</time></span></li>{{/ITEM}}</ul>
</section>
