{{%AUTOESCAPE context="HTML"}}<section class="list">
{{#HEADING}}<h1 class="list-title">{{TEXT}}</h1>{{/HEADING}}
{{#DESCRIPTION}}<p class="list-desc">{{TEXT}}</p>{{/DESCRIPTION}}
{{MOST_READ:none}}
{{#LATEST_HEADING}}<h1 class="list-title">{{TEXT}}</h1>{{/LATEST_HEADING}}
{{#ITEM}}<article class="card">
<h2><a href="{{URL}}">{{#KICKER}}<span class="kicker">{{TEXT}}..</span> {{/KICKER}}{{TITLE}}</a></h2>
<p class="meta"><span class="category">(<a href="{{CATEGORY_URL}}">{{CATEGORY}}</a>)</span> <time datetime="{{ISO}}">{{DATE}}</time> · <span class="visits">{{VISITS_LABEL}} <span class="count">{{VISITS:none}}</span></span> · <a class="comment-count" href="{{URL}}#comments">{{COMMENTS_LABEL}}: <span class="n">{{COMMENT_COUNT:none}}</span></a></p>
<p class="excerpt">{{EXCERPT}}</p>
</article>
{{/ITEM}}
{{#PAGINATION}}<nav class="pagination" aria-label="{{PAGE_LABEL}}">{{#PREV}}<a rel="prev" href="{{URL}}">{{LABEL}}</a>{{/PREV}}<span class="current">{{PAGE_LABEL}} {{PAGE}} / {{PAGES}}</span>{{#NEXT}}<a rel="next" href="{{URL}}">{{LABEL}}</a>{{/NEXT}}</nav>{{/PAGINATION}}
</section>
