/* sphinxcontrib-litreview: filter, facet and sort episode tables.
 *
 * Works on the markup written at build time (sphinxcontrib_litreview/views/filtering.py):
 * a div.litreview-filterable holding hidden controls (div.litreview-filter) and a table
 * whose header cells name their column (th.litreview-col-year) and whose rows carry
 * data-year, data-tags, data-authors and data-venue. Without this script the controls
 * stay hidden and the full table shows. No dependencies, no network: works from file://.
 *
 * A fragment such as #year=2023&tag=rl&q=entropy&ids=E001,E002 (timeline bars link
 * with one) sets the filter on load and whenever it changes.
 *
 * Tables of more than PAGE rows show their matching rows PAGE at a time, with buttons
 * after the table (p.litreview-filter-more) to show more.
 */
(function () {
  "use strict";

  var ANNOUNCE_DELAY = 300; // ms: the live count speaks once typing pauses
  // Matching rows show a page at a time. A browser takes about a millisecond per row it
  // lays out again (several on a slow machine): a keystroke that brought back thousands
  // of rows of a big index would take seconds; a page of them stays within a frame or two.
  var PAGE = 100;
  var FIRST_DIRECTION = { "cited-by": "descending" }; // most cited first; others A-Z, oldest first
  var NUMERIC = { year: true, "cited-by": true };
  var PARAMS = ["q", "tag", "year", "ids"];
  var collator = typeof Intl !== "undefined"
    ? new Intl.Collator(undefined, { numeric: true, sensitivity: "base" })
    : null;

  function fold(text) {
    text = String(text || "");
    // Accents folded, so "schon" finds "Schön"; one pass per row, at start-up.
    if (text.normalize) text = text.normalize("NFD").replace(/[\u0300-\u036f]/g, "");
    return text.toLowerCase();
  }

  function compareText(a, b) {
    if (collator) return collator.compare(a, b);
    return a < b ? -1 : a > b ? 1 : 0;
  }

  function columnKeys(table) {
    var keys = {};
    var head = table.tHead && table.tHead.rows[0];
    if (!head) return keys;
    for (var i = 0; i < head.cells.length; i++) {
      var match = /(?:^|\s)litreview-col-([\w-]+)/.exec(head.cells[i].className);
      if (match) keys[match[1]] = i;
    }
    return keys;
  }

  function cellText(row, index) {
    var cell = index === undefined ? null : row.cells[index];
    return cell ? cell.textContent.trim() : "";
  }

  function parseFragment(hash) {
    var text = (hash || "").replace(/^#/, "");
    if (text.indexOf("=") < 0) return null; // an ordinary anchor, not a filter
    var state = { q: "", tag: "", year: "", ids: "" };
    var found = false;
    text.split("&").forEach(function (pair) {
      var at = pair.indexOf("=");
      if (at < 0) return;
      var name = pair.slice(0, at);
      var value = pair.slice(at + 1).replace(/\+/g, " ");
      try {
        value = decodeURIComponent(value);
      } catch (err) {
        /* keep it as written */
      }
      if (PARAMS.indexOf(name) >= 0) {
        state[name] = value;
        found = true;
      }
    });
    return found ? state : null;
  }

  function fragmentOf(state) {
    var parts = [];
    PARAMS.forEach(function (name) {
      if (state[name]) parts.push(name + "=" + encodeURIComponent(state[name]).replace(/%2C/g, ","));
    });
    return parts.join("&");
  }

  function Filterable(box) {
    this.box = box;
    this.controls = box.querySelector(".litreview-filter");
    this.table = box.querySelector("table");
    this.body = this.table.tBodies[0];
    this.columns = columnKeys(this.table);
    this.input = this.controls.querySelector("input");
    this.facets = {};
    var selects = this.controls.querySelectorAll("select[data-facet]");
    for (var i = 0; i < selects.length; i++) {
      this.facets[selects[i].getAttribute("data-facet")] = selects[i];
    }
    this.reset = this.controls.querySelector(".litreview-filter-reset");
    this.count = this.controls.querySelector(".litreview-filter-count");
    this.more = box.querySelector(".litreview-filter-more");
    this.page = this.more ? PAGE : Infinity;
    this.limit = this.page;
    this.ids = null; // the episodes a link chose (fragment "ids"), or null for all
    this.sorted = { key: null, direction: null };
    this.announceTimer = 0;
    this.records = this.read();
    this.addSortButtons();
    this.listen();
    this.controls.hidden = false;
    this.update(true);
    this.sharing = true; // from now on; the address may hold the filter still to apply
  }

  Filterable.prototype.read = function () {
    var rows = this.body.rows;
    var columns = this.columns;
    var records = new Array(rows.length);
    for (var i = 0; i < rows.length; i++) {
      var row = rows[i];
      var id = cellText(row, columns.id);
      var tags = row.getAttribute("data-tags") || "";
      var year = row.getAttribute("data-year") || "";
      records[i] = {
        row: row,
        id: id,
        year: year || "none",
        tags: tags ? fold(tags).split(",") : [],
        haystack: fold([
          id,
          cellText(row, columns.title),
          row.getAttribute("data-authors") || "",
          row.getAttribute("data-venue") || "",
          tags.replace(/,/g, " "),
          year
        ].join("\n")),
        position: i,
        shown: true,
        matched: true,
        odd: /(?:^|\s)row-odd(?:\s|$)/.test(row.className)
      };
    }
    return records;
  };

  Filterable.prototype.addSortButtons = function () {
    var head = this.table.tHead && this.table.tHead.rows[0];
    if (!head) return;
    var self = this;
    var initial = this.controls.getAttribute("data-sorted");
    Object.keys(this.columns).forEach(function (key) {
      var th = head.cells[self.columns[key]];
      var button = document.createElement("button");
      button.type = "button";
      button.className = "litreview-sort";
      button.textContent = th.textContent.trim();
      var icon = document.createElement("span");
      icon.className = "litreview-sort-icon";
      icon.setAttribute("aria-hidden", "true");
      button.appendChild(icon);
      while (th.firstChild) th.removeChild(th.firstChild);
      th.appendChild(button);
      button.addEventListener("click", function () {
        var direction = FIRST_DIRECTION[key] || "ascending";
        if (self.sorted.key === key) {
          direction = self.sorted.direction === "ascending" ? "descending" : "ascending";
        }
        self.sort(key, direction);
      });
    });
    if (initial && initial in this.columns) {
      this.markSorted(initial, FIRST_DIRECTION[initial] || "ascending");
    }
  };

  Filterable.prototype.markSorted = function (key, direction) {
    var head = this.table.tHead.rows[0];
    for (var name in this.columns) {
      var th = head.cells[this.columns[name]];
      if (name === key) th.setAttribute("aria-sort", direction);
      else th.removeAttribute("aria-sort");
    }
    this.sorted = { key: key, direction: direction };
  };

  Filterable.prototype.sortValue = function (record, key) {
    var cache = record.sortKeys || (record.sortKeys = {});
    if (!(key in cache)) {
      var value = cellText(record.row, this.columns[key]);
      if (NUMERIC[key]) {
        var number = parseFloat(value);
        cache[key] = isNaN(number) ? null : number;
      } else {
        cache[key] = value;
      }
    }
    return cache[key];
  };

  Filterable.prototype.sort = function (key, direction) {
    var self = this;
    var sign = direction === "descending" ? -1 : 1;
    var numeric = NUMERIC[key];
    this.records.sort(function (a, b) {
      var x = self.sortValue(a, key);
      var y = self.sortValue(b, key);
      var order;
      if (numeric) {
        // Rows without a value go last whichever the direction.
        if (x === null || y === null) order = x === y ? 0 : x === null ? 1 : -1;
        else order = sign * (x - y);
        if (x === null || y === null) return order || a.position - b.position;
      } else {
        order = sign * compareText(x, y);
      }
      return order || a.position - b.position;
    });
    var fragment = document.createDocumentFragment();
    for (var i = 0; i < this.records.length; i++) fragment.appendChild(this.records[i].row);
    this.body.appendChild(fragment);
    this.markSorted(key, direction);
    this.update(true, true); // the first rows of the new order are the ones to show
  };

  Filterable.prototype.state = function () {
    return {
      q: this.input ? this.input.value : "",
      tag: this.facets.tag ? this.facets.tag.value : "",
      year: this.facets.year ? this.facets.year.value : "",
      ids: this.ids ? Object.keys(this.ids).join(",") : ""
    };
  };

  Filterable.prototype.apply = function (state) {
    if (this.input) this.input.value = state.q || "";
    setSelect(this.facets.tag, state.tag);
    setSelect(this.facets.year, state.year);
    this.ids = null;
    if (state.ids) {
      this.ids = {};
      var self = this;
      state.ids.split(",").forEach(function (id) {
        if (id) self.ids[id] = true;
      });
    }
    this.update(true);
  };

  /* Choose the option matching *value* as the facets match (case and accents aside);
   * none ("All") for a value the select does not offer. */
  function setSelect(select, value) {
    if (!select) return;
    var wanted = fold(value);
    select.value = "";
    for (var i = 0; wanted && i < select.options.length; i++) {
      if (fold(select.options[i].value) === wanted) {
        select.selectedIndex = i;
        break;
      }
    }
  }

  Filterable.prototype.listen = function () {
    var self = this;
    if (this.input) {
      this.input.addEventListener("input", function () {
        self.update(false);
      });
    }
    Object.keys(this.facets).forEach(function (name) {
      self.facets[name].addEventListener("change", function () {
        self.update(false);
      });
    });
    this.reset.addEventListener("click", function () {
      self.apply({});
      if (self.input) self.input.focus();
    });
    if (this.more) {
      this.more.addEventListener("click", function (event) {
        var button = event.target.closest ? event.target.closest("button[data-more]") : null;
        if (!button) return;
        var first = self.firstHidden();
        self.limit = button.getAttribute("data-more") === "all" ? Infinity : self.limit + self.page;
        self.update(true, true);
        // Keyboard users go on reading where the new rows start.
        if (first && first.cells[0]) {
          var link = first.cells[0].querySelector("a");
          if (link) link.focus();
        }
      });
    }
  };

  Filterable.prototype.firstHidden = function () {
    for (var i = 0; i < this.records.length; i++) {
      if (this.records[i].matched && !this.records[i].shown) return this.records[i].row;
    }
    return null;
  };

  /* Show the rows matching every word typed, the chosen tag and year (and the episodes
   * a link chose), up to the current page's limit; touch only rows whose visibility
   * changes. A new filter starts again at the first page; *morePages* keeps the limit. */
  Filterable.prototype.update = function (immediately, morePages) {
    if (!morePages) this.limit = this.page;
    var words = fold(this.input ? this.input.value : "").split(/\s+/).filter(Boolean);
    var tag = this.facets.tag ? fold(this.facets.tag.value) : "";
    var year = this.facets.year ? this.facets.year.value : "";
    var ids = this.ids;
    var records = this.records;
    var limit = this.limit;
    var matches = 0;
    for (var i = 0; i < records.length; i++) {
      var record = records[i];
      var match = true;
      if (ids && !ids[record.id]) match = false;
      if (match && year && record.year !== year) match = false;
      if (match && tag && record.tags.indexOf(tag) < 0) match = false;
      for (var w = 0; match && w < words.length; w++) {
        if (record.haystack.indexOf(words[w]) < 0) match = false;
      }
      record.matched = match;
      if (match) matches++;
      var show = match && matches <= limit;
      if (show !== record.shown) {
        record.shown = show;
        record.row.hidden = !show;
      }
    }
    this.matches = matches;
    this.stripe();
    this.reset.hidden = !(words.length || tag || year || ids);
    this.paging();
    this.announce(immediately);
    this.share();
  };

  Filterable.prototype.paging = function () {
    if (!this.more) return;
    var shown = Math.min(this.matches, this.limit);
    this.more.hidden = shown >= this.matches;
    this.more.querySelector(".litreview-filter-shown").textContent = this.more
      .getAttribute("data-template")
      .replace("{shown}", String(shown))
      .replace("{matches}", String(this.matches));
  };

  /* Sphinx marks rows odd and even for themes that stripe them; keep the stripes
   * alternating over the rows left visible. */
  Filterable.prototype.stripe = function () {
    var odd = false;
    for (var i = 0; i < this.records.length; i++) {
      var record = this.records[i];
      if (!record.shown) continue;
      if (record.odd !== odd) {
        record.odd = odd;
        record.row.classList.toggle("row-odd", odd);
        record.row.classList.toggle("row-even", !odd);
      }
      odd = !odd;
    }
  };

  Filterable.prototype.announce = function (immediately) {
    var self = this;
    var total = this.records.length;
    var text = this.matches === total
      ? this.controls.getAttribute("data-count-all")
      : this.controls.getAttribute("data-count-some").replace("{shown}", String(this.matches));
    clearTimeout(this.announceTimer);
    if (immediately) {
      this.count.textContent = text;
    } else {
      this.announceTimer = setTimeout(function () {
        self.count.textContent = text;
      }, ANNOUNCE_DELAY);
    }
  };

  /* With one table on the page, its filter is kept in the address, so it can be shared
   * and comes back with the browser's back button. An ordinary #anchor is left alone. */
  Filterable.prototype.share = function () {
    if (!this.sharing || !Filterable.single || !window.history || !history.replaceState) return;
    var current = location.hash;
    if (current && current !== "#" && !parseFragment(current)) return;
    var fragment = fragmentOf(this.state());
    if (("#" + fragment) === current || (!fragment && !current)) return;
    try {
      history.replaceState(history.state, "", fragment ? "#" + fragment : location.pathname + location.search);
    } catch (err) {
      /* some file:// setups refuse; the filter works all the same */
    }
  };

  function start() {
    var boxes = document.querySelectorAll("div.litreview-filterable");
    var tables = [];
    for (var i = 0; i < boxes.length; i++) {
      var box = boxes[i];
      var table = box.querySelector("table");
      if (!box.querySelector(".litreview-filter") || !table || !table.tBodies.length) continue;
      tables.push(box);
    }
    Filterable.single = tables.length === 1;
    var made = tables.map(function (box) {
      return new Filterable(box);
    });
    function fromFragment() {
      var state = parseFragment(location.hash);
      if (state) made.forEach(function (f) {
        f.apply(state);
      });
    }
    fromFragment();
    window.addEventListener("hashchange", fromFragment);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
