/* Jarida newsroom: the small script every admin page loads (no framework).
   - button.admin-menu-toggle opens and closes #admin-nav on phones;
   - data-confirm="نص" on a form or a submit button asks before submitting,
     and on a link asks before following it;
   - a checkbox with data-select-all ticks every input[name=ids] of its form
     and the buttons in .bulk-actions work only while something is ticked. */
(function () {
  'use strict';
  var doc = document;
  doc.documentElement.classList.add('js');

  /* --- Menu on phones ------------------------------------------------- */
  function initMenu() {
    var toggle = doc.querySelector('button.admin-menu-toggle');
    if (!toggle) return;
    var nav = doc.getElementById(toggle.getAttribute('aria-controls') || 'admin-nav');
    if (!nav) return;
    function set(open) {
      nav.classList.toggle('open', open);
      toggle.setAttribute('aria-expanded', open ? 'true' : 'false');
    }
    toggle.addEventListener('click', function () {
      set(!nav.classList.contains('open'));
    });
    doc.addEventListener('keydown', function (e) {
      if (e.key === 'Escape' && nav.classList.contains('open')) {
        set(false);
        toggle.focus();
      }
    });
  }

  /* --- data-confirm ------------------------------------------------------ */
  function initConfirm() {
    // Capture phase: runs before any other submit handler, which then sees
    // defaultPrevented when the user declines.
    doc.addEventListener('submit', function (e) {
      var form = e.target;
      var submitter = e.submitter;
      var text = (submitter && submitter.getAttribute('data-confirm')) || form.getAttribute('data-confirm');
      if (text && !window.confirm(text)) e.preventDefault();
    }, true);
    doc.addEventListener('click', function (e) {
      var link = e.target.closest && e.target.closest('a[data-confirm]');
      if (link && !window.confirm(link.getAttribute('data-confirm'))) e.preventDefault();
    }, true);
  }

  /* --- Select all + bulk actions ------------------------------------------ */
  function initBulk(all) {
    var form = all.form || all.closest('form');
    if (!form) return;
    function boxes() {
      return Array.prototype.filter.call(form.elements, function (el) {
        return el.type === 'checkbox' && el.name === 'ids' && !el.disabled;
      });
    }
    function buttons() {
      return Array.prototype.filter.call(doc.querySelectorAll('.bulk-actions button, .bulk-actions input[type=submit]'), function (b) {
        return b.form === form;
      });
    }
    function refresh() {
      var list = boxes();
      var n = list.filter(function (b) { return b.checked; }).length;
      all.checked = list.length > 0 && n === list.length;
      all.indeterminate = n > 0 && n < list.length;
      buttons().forEach(function (b) { b.disabled = n === 0; });
    }
    all.addEventListener('change', function () {
      boxes().forEach(function (b) { b.checked = all.checked; });
      refresh();
    });
    doc.addEventListener('change', function (e) {
      var t = e.target;
      if (t !== all && t.name === 'ids' && t.form === form) refresh();
    });
    // Back/forward restores ticks after scripts ran.
    window.addEventListener('pageshow', refresh);
    refresh();
  }

  function init() {
    initMenu();
    initConfirm();
    Array.prototype.forEach.call(doc.querySelectorAll('input[type=checkbox][data-select-all]'), initBulk);
  }
  if (doc.readyState === 'loading') doc.addEventListener('DOMContentLoaded', init);
  else init();
})();
