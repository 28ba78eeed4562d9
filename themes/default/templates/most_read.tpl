{{%AUTOESCAPE context="HTML"}}<section class="most-read" aria-labelledby="most-read-title">
<h2 id="most-read-title">{{LABEL}}</h2>
<ol>{{#ITEM}}<li><a href="{{URL}}">{{TITLE}}</a></li>{{/ITEM}}</ol>
</section>
