/* sphinxcontrib-litreview: hover and focus previews of episode and term references.
 *
 * The data sits in <script type="application/json" class="litreview-previews"> blocks
 * written at build time, keyed by the link's #fragment. No dependencies, no network, no
 * modules: works from file://. Everything from the data is inserted with textContent.
 */
(function () {
  "use strict";

  var SHOW_DELAY = 150; // ms: a pointer passing over a link should not flash a card
  var HIDE_DELAY = 200; // ms: time to move the pointer from the link onto the card
  var GAP = 6; // px between link and card
  var MARGIN = 8; // px kept free at the viewport's edges

  var previews = Object.create(null);
  var tagLinks = Object.create(null); // tag as shown -> URI of its page, relative to this page
  var tip = null;
  var current = null; // the link whose preview is shown (or about to be)
  var savedTitle = null; // its title, removed while the card shows so it is not doubled
  var showTimer = 0;
  var hideTimer = 0;
  var lastPointer = "mouse";
  var tapWasShowing = false;
  var dismissed = null; // link hidden with Esc: stays hidden until left or refocused

  function loadPreviews() {
    var blocks = document.querySelectorAll("script.litreview-previews");
    for (var i = 0; i < blocks.length; i++) {
      var data;
      try {
        data = JSON.parse(blocks[i].textContent);
      } catch (err) {
        continue; // a broken block must not take the others (or the page) down
      }
      for (var key in data) {
        if (Object.prototype.hasOwnProperty.call(data, key)) previews[key] = data[key];
      }
    }
    var links = document.querySelectorAll("script.litreview-tag-links");
    for (var j = 0; j < links.length; j++) {
      var found;
      try {
        found = JSON.parse(links[j].textContent);
      } catch (err) {
        continue;
      }
      for (var tag in found) {
        if (Object.prototype.hasOwnProperty.call(found, tag) && isPageLink(found[tag])) {
          tagLinks[tag] = found[tag];
        }
      }
    }
  }

  // A link to another page of this site, as the build writes them: relative, so no
  // scheme (javascript:, data:), no host (//), not from the root, no white space.
  function isPageLink(href) {
    return (
      typeof href === "string" &&
      href !== "" &&
      !/^[a-z][a-z0-9+.-]*:/i.test(href) &&
      !/^[\/\\]/.test(href) &&
      !/[\s\u0000-\u001f\u007f\\]/.test(href)
    );
  }

  function tagList(tags) {
    var box = element("div", "litreview-hover-tags");
    for (var i = 0; i < tags.length; i++) {
      var tag = String(tags[i]);
      var href = Object.prototype.hasOwnProperty.call(tagLinks, tag) ? tagLinks[tag] : null;
      var item;
      if (href) {
        item = element("a", "litreview-hover-tag", tag);
        item.setAttribute("href", href);
      } else {
        item = element("span", "litreview-hover-tag", tag);
      }
      box.appendChild(item);
      if (i < tags.length - 1) box.appendChild(document.createTextNode(" "));
    }
    return box;
  }

  function fragmentOf(link) {
    // singlehtml hrefs look like "#document-episodes#episode-e026": the last part counts.
    var href = link.getAttribute("href") || "";
    var at = href.lastIndexOf("#");
    if (at < 0) return null;
    var fragment = href.slice(at + 1);
    try {
      return decodeURIComponent(fragment);
    } catch (err) {
      return fragment;
    }
  }

  function dataFor(link) {
    var key = fragmentOf(link);
    return key !== null && Object.prototype.hasOwnProperty.call(previews, key)
      ? previews[key]
      : null;
  }

  function linkFrom(target) {
    if (!target || !target.closest) return null;
    var link = target.closest("a.litreview-ref");
    return link && dataFor(link) ? link : null;
  }

  function element(tag, className, text) {
    var node = document.createElement(tag);
    node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function ensureTip() {
    if (tip) return tip;
    tip = element("div", "litreview-hover");
    var id = "litreview-hover";
    for (var n = 1; document.getElementById(id); n++) id = "litreview-hover-" + n;
    tip.id = id;
    tip.setAttribute("role", "tooltip");
    tip.hidden = true;
    // The card is hoverable: moving onto it keeps it open (WCAG 1.4.13).
    tip.addEventListener("mouseenter", function () {
      clearTimeout(hideTimer);
    });
    tip.addEventListener("mouseleave", scheduleHide);
    document.body.appendChild(tip);
    return tip;
  }

  function fill(data) {
    tip.textContent = "";
    tip.setAttribute("data-kind", data.kind === "episode" ? "episode" : "term");
    var head = element("div", "litreview-hover-head");
    if (data.kind === "episode") {
      head.appendChild(element("span", "litreview-hover-id", data.id));
      if (data.title) {
        head.appendChild(document.createTextNode(" "));
        head.appendChild(element("span", "litreview-hover-title", data.title));
      }
      tip.appendChild(head);
      if (data.reference) {
        // The full reference in the review's citation style (plain text).
        tip.appendChild(element("div", "litreview-hover-meta litreview-hover-reference", data.reference));
      } else {
        var meta = [];
        if (data.authors && data.authors.length) meta.push(data.authors.join("; "));
        var when = data.year !== null && data.year !== undefined ? String(data.year) : "";
        if (data.venue) when = when ? when + " (" + data.venue + ")" : String(data.venue);
        if (when) meta.push(when);
        if (meta.length) tip.appendChild(element("div", "litreview-hover-meta", meta.join(" · ")));
      }
      if (data.summary) tip.appendChild(element("p", "litreview-hover-body", data.summary));
      if (data.tags && data.tags.length) tip.appendChild(tagList(data.tags));
    } else {
      head.appendChild(element("span", "litreview-hover-title", data.term));
      tip.appendChild(head);
      if (data.aliases && data.aliases.length) {
        tip.appendChild(element("div", "litreview-hover-meta", data.aliases.join(" · ")));
      }
      if (data.definition) tip.appendChild(element("p", "litreview-hover-body", data.definition));
    }
  }

  function place() {
    if (!current || tip.hidden) return;
    var rects = current.getClientRects();
    var rect = rects.length ? rects[0] : current.getBoundingClientRect();
    var viewWidth = document.documentElement.clientWidth || window.innerWidth;
    var viewHeight = document.documentElement.clientHeight || window.innerHeight;
    var width = tip.offsetWidth;
    var height = tip.offsetHeight;
    var left = Math.max(MARGIN, Math.min(rect.left, viewWidth - width - MARGIN));
    var top = rect.bottom + GAP;
    // Below the link if it fits, else above it if that fits, else wherever shows most.
    if (top + height > viewHeight - MARGIN) {
      var above = rect.top - GAP - height;
      top = above >= MARGIN ? above : Math.max(MARGIN, viewHeight - height - MARGIN);
    }
    tip.style.left = left + "px";
    tip.style.top = top + "px";
  }

  function show(link) {
    clearTimeout(showTimer);
    clearTimeout(hideTimer);
    var data = dataFor(link);
    if (!data) return;
    if (current && current !== link) hide();
    ensureTip();
    fill(data);
    if (current !== link) {
      current = link;
      savedTitle = link.getAttribute("title");
      link.removeAttribute("title");
    }
    link.setAttribute("aria-describedby", tip.id);
    tip.style.left = "0px";
    tip.style.top = "0px";
    tip.hidden = false;
    place();
  }

  function hide() {
    clearTimeout(showTimer);
    clearTimeout(hideTimer);
    if (tip) tip.hidden = true;
    if (!current) return;
    current.removeAttribute("aria-describedby");
    if (savedTitle !== null) current.setAttribute("title", savedTitle);
    current = null;
    savedTitle = null;
  }

  function scheduleShow(link) {
    clearTimeout(hideTimer);
    clearTimeout(showTimer);
    showTimer = setTimeout(function () {
      show(link);
    }, SHOW_DELAY);
  }

  function scheduleHide() {
    clearTimeout(showTimer);
    clearTimeout(hideTimer);
    hideTimer = setTimeout(hide, HIDE_DELAY);
  }

  function isShowing(link) {
    return current === link && tip !== null && !tip.hidden;
  }

  function onPointerOver(event) {
    if (event.pointerType === "touch") return; // taps are handled on click
    var link = linkFrom(event.target);
    if (link && link !== dismissed) {
      if (isShowing(link)) clearTimeout(hideTimer);
      else scheduleShow(link);
    }
  }

  function onPointerOut(event) {
    if (event.pointerType === "touch") return;
    var link = linkFrom(event.target);
    if (!link || link.contains(event.relatedTarget)) return;
    if (dismissed === link) dismissed = null;
    clearTimeout(showTimer);
    if (current === link && !tip.contains(event.relatedTarget)) scheduleHide();
  }

  function onPointerDown(event) {
    lastPointer = event.pointerType || "mouse";
    var link = linkFrom(event.target);
    tapWasShowing = link !== null && isShowing(link);
    if (!link && tip && !tip.hidden && !tip.contains(event.target)) hide();
  }

  function onClick(event) {
    var link = linkFrom(event.target);
    if (!link) return;
    var touch =
      event.pointerType === "touch" ||
      (event.pointerType === undefined && event.detail > 0 && lastPointer === "touch");
    // Touch has no hover: the first tap shows the preview, a second tap follows the link.
    if (touch && !tapWasShowing) {
      event.preventDefault();
      dismissed = null;
      show(link);
    }
    tapWasShowing = false;
  }

  function onFocusIn(event) {
    var link = linkFrom(event.target);
    if (!link) return;
    dismissed = null;
    show(link);
  }

  function onFocusOut(event) {
    var link = linkFrom(event.target);
    if (link && link === current) hide();
  }

  function onKeyDown(event) {
    if ((event.key === "Escape" || event.key === "Esc") && current && tip && !tip.hidden) {
      dismissed = current;
      hide();
    }
  }

  function init() {
    loadPreviews();
    if (!Object.keys(previews).length) return;
    document.addEventListener("pointerover", onPointerOver);
    document.addEventListener("pointerout", onPointerOut);
    document.addEventListener("pointerdown", onPointerDown, true);
    document.addEventListener("click", onClick);
    document.addEventListener("focusin", onFocusIn);
    document.addEventListener("focusout", onFocusOut);
    document.addEventListener("keydown", onKeyDown);
    window.addEventListener("scroll", place, { passive: true });
    window.addEventListener("resize", hide);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
