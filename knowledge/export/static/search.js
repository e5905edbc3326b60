/* Search the help center in the browser: no server and no network. The index is a plain script
   (search-index.js sets window.faqSearchIndex), so this also works from file://. Tokenising mirrors
   knowledge/export/search_index.py: keep both in step. */
(function () {
  "use strict";

  var MAX_RESULTS = 8;

  function tokens(text) {
    var plain = text.replace(/['\u2018\u2019]/g, "").normalize("NFKD").replace(/[\u0300-\u036f]/g, "");
    return plain.toLowerCase().match(/[a-z0-9]+/g) || [];
  }

  /* Index of the first term >= word in a sorted array. */
  function lowerBound(terms, word) {
    var low = 0, high = terms.length;
    while (low < high) {
      var mid = (low + high) >> 1;
      if (terms[mid] < word) { low = mid + 1; } else { high = mid; }
    }
    return low;
  }

  /* Best weight of a word in a document: the strongest field holding a term it starts; +0.5 when exact. */
  function wordScore(index, doc, word) {
    var best = 0;
    Object.keys(index.weights).forEach(function (field) {
      var terms = doc.terms[field] || [];
      var term = terms[lowerBound(terms, word)];
      if (term !== undefined && term.indexOf(word) === 0) {
        best = Math.max(best, index.weights[field] + (term === word ? 0.5 : 0));
      }
    });
    return best;
  }

  /* Documents matching the query, best first; null when the query has no words yet. */
  function search(index, query) {
    var words = tokens(query);
    var stop = {};
    index.stop_words.forEach(function (word) { stop[word] = true; });
    var meaningful = words.filter(function (word) { return !stop[word]; });
    if (meaningful.length) { words = meaningful; }
    if (!words.length) { return null; }
    var scored = index.documents.map(function (doc, position) {
      var matched = 0, score = 0;
      words.forEach(function (word) {
        var best = wordScore(index, doc, word);
        if (best > 0) { matched += 1; score += best; }
      });
      return { doc: doc, position: position, matched: matched, score: score };
    });
    var most = Math.max.apply(null, scored.map(function (item) { return item.matched; }));
    if (most === 0 || most < Math.ceil(words.length / 2)) { return []; }
    return scored
      .filter(function (item) { return item.matched === most; })
      .sort(function (a, b) { return b.score - a.score || a.position - b.position; })
      .slice(0, MAX_RESULTS)
      .map(function (item) { return item.doc; });
  }

  function setUp(form, index) {
    var input = form.querySelector("[role=combobox]");
    var list = form.querySelector("[role=listbox]");
    var empty = form.querySelector(".search-empty");
    var status = form.querySelector("[role=status]");
    var root = form.getAttribute("data-root") || "";
    var results = [];
    var active = -1;

    function setOpen(open) {
      list.hidden = !open;
      input.setAttribute("aria-expanded", open ? "true" : "false");
      if (!open) { setActive(-1); }
    }

    function setActive(position) {
      active = position;
      Array.prototype.forEach.call(list.children, function (option, i) {
        option.setAttribute("aria-selected", i === position ? "true" : "false");
      });
      if (position < 0) {
        input.removeAttribute("aria-activedescendant");
        return;
      }
      var option = list.children[position];
      input.setAttribute("aria-activedescendant", option.id);
      option.scrollIntoView({ block: "nearest" });
    }

    function option(doc, position) {
      var item = document.createElement("li");
      item.id = "site_search_option_" + position;
      item.setAttribute("role", "option");
      item.setAttribute("aria-selected", "false");
      var question = document.createElement("span");
      question.className = "result-question";
      question.textContent = doc.question;
      var page = document.createElement("span");
      page.className = "result-page";
      page.textContent = doc.page;
      item.appendChild(question);
      item.appendChild(page);
      item.addEventListener("mousedown", function (event) { event.preventDefault(); });
      item.addEventListener("mousemove", function () { if (active !== position) { setActive(position); } });
      item.addEventListener("click", function () { follow(position); });
      return item;
    }

    function update() {
      var found = search(index, input.value);
      results = found || [];
      list.textContent = "";
      results.forEach(function (doc, position) { list.appendChild(option(doc, position)); });
      empty.hidden = found === null || results.length > 0;
      if (!empty.hidden) { empty.querySelector("[data-query]").textContent = input.value.trim(); }
      setOpen(results.length > 0);
      if (found === null) {
        status.textContent = "";
      } else if (results.length === 0) {
        status.textContent = empty.textContent.replace(/\s+/g, " ").trim();
      } else if (results.length === 1) {
        status.textContent = form.getAttribute("data-one-result");
      } else {
        status.textContent = form.getAttribute("data-many-results").replace("{count}", String(results.length));
      }
    }

    function follow(position) {
      var target = new URL(root + results[position].url, window.location.href);
      setOpen(false);
      if (target.pathname !== window.location.pathname || target.protocol !== window.location.protocol) {
        window.location.href = target.href;
        return;
      }
      // Same page: jump to the heading and give it focus, as a new page load would.
      window.location.hash = target.hash;
      var heading = document.getElementById(decodeURIComponent(target.hash.slice(1)));
      if (heading) {
        heading.setAttribute("tabindex", "-1");
        heading.focus();
      }
    }

    input.addEventListener("input", update);
    input.addEventListener("focus", function () { if (input.value.trim()) { update(); } });
    input.addEventListener("keydown", function (event) {
      var count = results.length;
      if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        if (!count) { return; }
        event.preventDefault();
        if (list.hidden) { setOpen(true); }
        var step = event.key === "ArrowDown" ? 1 : -1;
        setActive(active < 0 ? (step > 0 ? 0 : count - 1) : (active + step + count) % count);
      } else if (event.key === "Enter") {
        event.preventDefault();
        if (count) { follow(active >= 0 ? active : 0); }
      } else if (event.key === "Escape") {
        if (!list.hidden || !empty.hidden) {
          event.preventDefault();
          setOpen(false);
          empty.hidden = true;
        } else if (input.value) {
          event.preventDefault();
          input.value = "";
          update();
        }
      }
    });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    form.addEventListener("focusout", function (event) {
      if (!form.contains(event.relatedTarget)) {
        setOpen(false);
        empty.hidden = true;
      }
    });
  }

  function start() {
    var index = window.faqSearchIndex;
    if (!index) { return; }
    Array.prototype.forEach.call(document.querySelectorAll("[data-faq-search]"), function (form) {
      setUp(form, index);
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
