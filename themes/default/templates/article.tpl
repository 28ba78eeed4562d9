{{%AUTOESCAPE context="HTML"}}<article class="article">
<div class="tools">
{{#SEND}}<button type="button" class="send-friend" data-opens="send-friend" aria-haspopup="dialog">{{SEND_TO_FRIEND}}</button>{{/SEND}}
<span class="published">{{PUBLISHED_LABEL}} <time datetime="{{ISO}}">{{DATE}}</time>{{#HIJRI}} <span class="hijri">({{TEXT}})</span>{{/HIJRI}}</span>
<span class="visits">{{VISITS_LABEL}} <span class="count">{{VISITS:none}}</span></span>
</div>
<h1 class="headline">{{#KICKER}}<span class="kicker">{{TEXT}}..</span> {{/KICKER}}{{TITLE}}</h1>
<p class="category">(<a href="{{CATEGORY_URL}}">{{CATEGORY}}</a>)</p>
<p class="byline">{{AUTHOR_LABEL}} <a href="{{AUTHOR_URL}}">{{AUTHOR}}</a></p>
{{#FEATURED}}<figure class="featured"><img src="{{SRC}}"{{#SRCSET}} srcset="{{SRCSET}}" sizes="{{SIZES}}"{{/SRCSET}} alt="{{ALT}}"{{#SIZE}} width="{{WIDTH}}" height="{{HEIGHT}}"{{/SIZE}} loading="eager" fetchpriority="high" decoding="async">{{#CAPTION}}<figcaption>{{TEXT}}</figcaption>{{/CAPTION}}</figure>{{/FEATURED}}
<div class="body">{{BODY:none}}</div>
{{#HAS_TAGS}}<ul class="tags" aria-label="{{TAGS_LABEL}}">{{#TAG}}<li><a href="{{URL}}" rel="tag">{{NAME}}</a></li>{{/TAG}}</ul>{{/HAS_TAGS}}
<section class="comments" id="comments">
<h2>{{COMMENTS_LABEL}} <span class="n">({{COMMENT_COUNT}})</span></h2>
{{#COMMENT}}<article class="comment" id="comment-{{ID}}">
<header><strong class="who">{{NAME}}</strong> <time datetime="{{ISO}}">{{DATE}}</time></header>
<p class="text">{{BODY:pre_escape}}</p>
{{#CAN_REPLY}}<a class="reply" href="?replytocom={{ID}}#respond" data-reply="{{ID}}" data-reply-name="{{NAME}}">{{REPLY_LABEL}}</a>{{/CAN_REPLY}}
{{#REPLY}}<article class="comment reply-comment" id="comment-{{ID}}">
<header><strong class="who">{{NAME}}</strong> <time datetime="{{ISO}}">{{DATE}}</time></header>
<p class="text">{{BODY:pre_escape}}</p>
</article>
{{/REPLY}}</article>
{{/COMMENT}}{{#NO_COMMENTS}}<p class="empty">{{TEXT}}</p>{{/NO_COMMENTS}}
{{#COMMENT_FORM}}<section class="respond" id="respond">
<h3 data-replying="{{REPLYING_LABEL}}">{{FORM_TITLE}}</h3>
{{NOTICE:none}}
<form method="post" action="{{COMMENT_URL}}" class="comment-form" data-comment-form>
<input type="hidden" name="t" value="{{TOKEN:none}}">
<input type="hidden" name="parent" value="{{PARENT:none}}">
<p class="hp" aria-hidden="true"><label>Website<input type="text" name="website" tabindex="-1" autocomplete="off"></label></p>
<label>{{NAME_LABEL}}<input type="text" name="name" required maxlength="80" autocomplete="name"></label>
<label>{{EMAIL_LABEL}}<input type="email" name="email" maxlength="254" dir="ltr" autocomplete="email"></label>
<label>{{COMMENT_LABEL}}<textarea name="comment" required minlength="2" maxlength="5000" rows="5"></textarea></label>
<button type="submit" class="primary">{{SUBMIT}}</button>
<p class="form-status" role="status" aria-live="polite"></p>
</form>
</section>{{/COMMENT_FORM}}
{{#COMMENTS_CLOSED}}<p class="comments-closed" role="note">{{TEXT}}</p>{{/COMMENTS_CLOSED}}
</section>
{{SEND_NOTICE:none}}
{{#SEND}}<dialog id="send-friend" class="dialog" aria-labelledby="send-friend-title">
<form method="post" action="{{SEND_URL}}" data-send-form>
<input type="hidden" name="t" value="{{SEND_TOKEN:none}}">
<button type="button" class="close" data-closes="send-friend" aria-label="{{CLOSE}}">x</button>
<h2 id="send-friend-title">{{SEND_TO_FRIEND}}</h2>
<label>{{FRIEND_EMAIL}}<input type="email" name="to" required maxlength="254" dir="ltr" autocomplete="off"></label>
<label>{{YOUR_NAME}}<input type="text" name="name" required maxlength="60" autocomplete="name"></label>
<button type="submit" class="primary">{{SUBMIT}}</button>
<p class="form-status" role="status" aria-live="polite"></p>
</form>
</dialog>{{/SEND}}
</article>
