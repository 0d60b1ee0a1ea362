// Staff search page: autocomplete for the search box (ARIA 1.2 combobox + listbox).
// Without JavaScript the page still works: a plain GET form.
(function () {
  "use strict";
  var form = document.getElementById("search-form");
  var input = document.getElementById("q");
  var list = document.getElementById("q-suggestions");
  if (!form || !input || !list) return;
  var lang = document.documentElement.lang === "en" ? "en" : "lt";
  var active = -1, timer = null, seq = 0;

  function options() { return list.querySelectorAll("[role=option]"); }

  function close() {
    list.hidden = true; list.innerHTML = ""; active = -1;
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
  }

  function mark(index) {
    var opts = options();
    active = index;
    opts.forEach(function (o, i) { o.setAttribute("aria-selected", i === index ? "true" : "false"); });
    if (index >= 0) input.setAttribute("aria-activedescendant", opts[index].id);
    else input.removeAttribute("aria-activedescendant");
  }

  function choose(option) {
    input.value = option.dataset.value;
    close();
    form.submit();
  }

  function show(suggestions) {
    list.innerHTML = "";
    suggestions.forEach(function (s, i) {
      var li = document.createElement("li");
      li.id = "q-option-" + i;
      li.setAttribute("role", "option");
      li.setAttribute("aria-selected", "false");
      var name = (lang === "en" ? s.name_en || s.name_lt : s.name_lt || s.name_en) || s.code;
      li.textContent = name + (s.code ? " (" + s.code + ")" : "");
      li.dataset.value = name;
      li.addEventListener("mousedown", function (e) { e.preventDefault(); choose(li); });
      list.appendChild(li);
    });
    if (!suggestions.length) { close(); return; }
    list.hidden = false; active = -1;
    input.setAttribute("aria-expanded", "true");
  }

  function fetchSuggestions() {
    var text = input.value.trim();
    if (text.length < 2) { close(); return; }
    var mine = ++seq;
    var url = input.dataset.autocompleteUrl + "?limit=8&q=" + encodeURIComponent(text);
    fetch(url, { headers: { Accept: "application/json" } })
      .then(function (r) { return r.ok ? r.json() : { suggestions: [] }; })
      .then(function (data) { if (mine === seq) show(data.suggestions || []); })
      .catch(close);
  }

  input.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(fetchSuggestions, 150); });
  input.addEventListener("keydown", function (e) {
    var opts = options();
    if (e.key === "ArrowDown" && opts.length) { e.preventDefault(); mark((active + 1) % opts.length); }
    else if (e.key === "ArrowUp" && opts.length) { e.preventDefault(); mark(active <= 0 ? opts.length - 1 : active - 1); }
    else if (e.key === "Escape") { close(); }
    else if (e.key === "Enter" && active >= 0) { e.preventDefault(); choose(opts[active]); }
    // Enter with no option chosen submits the form as typed.
  });
  input.addEventListener("blur", function () { setTimeout(close, 100); });
  // Facet checkboxes do not submit on change (WCAG 3.2.2): "Apply filters" does.
})();
