{{%AUTOESCAPE context="HTML"}}<!doctype html>
<html lang="ar" dir="rtl">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
{{#NOINDEX}}<meta name="robots" content="noindex">
{{/NOINDEX}}<title>{{TITLE}}</title>
{{#DESCRIPTION}}<meta name="description" content="{{TEXT}}">
{{/DESCRIPTION}}<link rel="canonical" href="{{CANONICAL}}">
{{SHARE_HEAD:none}}<link rel="preload" href="/static/fonts/NotoNaskhArabic-Regular.ttf" as="font" type="font/ttf" crossorigin="anonymous">
<link rel="icon" href="/static/favicon.svg" type="image/svg+xml">
<link rel="stylesheet" href="/static/site.css?v={{ASSET_VERSION}}">
<script src="/static/site.js?v={{ASSET_VERSION}}" defer></script>
</head>
<body>
<a class="skip" href="#main">{{SKIP}}</a>
<header class="site-header">
<div class="bar">
<a class="brand" href="/">{{SITE_NAME}}</a>
<form class="search" action="/search" method="get" role="search">
<input type="search" name="q" placeholder="{{SEARCH_PLACEHOLDER}}" aria-label="{{SEARCH_LABEL}}">
<button type="submit">{{SEARCH_LABEL}}</button>
</form>
</div>
<nav class="cats" aria-label="{{CATEGORIES_LABEL}}"><ul><li><a href="/">{{HOME_LABEL}}</a></li>{{#CAT}}<li><a href="{{URL}}">{{NAME}}</a></li>{{/CAT}}</ul></nav>
</header>
<div class="wrap">
<main id="main">{{CONTENT:none}}</main>
<aside class="sidebar">{{LATEST_COMMENTS:none}}</aside>
</div>
<footer class="site-footer">
<section class="about" aria-labelledby="about-title">
<h2 id="about-title">{{ABOUT_LABEL}}</h2>
<p>{{ABOUT_TEXT}}</p>
<a class="more" href="/about/">{{READ_MORE}}</a>
</section>
<p class="copy">© {{SITE_NAME}}</p>
</footer>
</body>
</html>
