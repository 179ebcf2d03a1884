// pourparler article view: choosing an item (or a highlight) marks its evidence in the body and shows its
// details. The pages read fine without this: item links jump to their evidence, which CSS marks by :target.
// Everything shown is copied from the page's own (server-escaped) nodes; no HTML is built from strings.
(function () {
  "use strict";
  var body = document.getElementById("body");
  var panel = document.getElementById("details");
  if (!body || !panel) {
    return;
  }
  var marked = [];

  function spansOf(ref) {
    return Array.prototype.filter.call(body.querySelectorAll("[data-ref]"), function (el) {
      return el.getAttribute("data-ref") === ref;
    });
  }

  function clear() {
    marked.forEach(function (el) { el.classList.remove("active"); });
    marked = [];
  }

  function showDetails(item, spans) {
    while (panel.firstChild) {
      panel.removeChild(panel.firstChild);
    }
    var heading = document.createElement("h2");
    heading.textContent = item.getAttribute("data-label") || "Item";
    panel.appendChild(heading);
    var lead = item.querySelector(".lead");
    if (lead) {
      var who = document.createElement("p");
      who.className = "lead";
      who.textContent = lead.textContent;
      panel.appendChild(who);
    }
    if (spans.length) {
      var quote = document.createElement("blockquote");
      // An item drawn in fragments (it overlaps another) reads back whole from its fragments in order.
      quote.textContent = spans.map(function (el) { return el.textContent; }).join("");
      panel.appendChild(quote);
    }
    var details = item.querySelector(".item-details");
    if (details) {
      panel.appendChild(details.cloneNode(true));
    }
  }

  function activate(item, scroll) {
    clear();
    var refs = (item.getAttribute("data-targets") || "").split(/\s+/).filter(Boolean);
    var spans = [];
    refs.forEach(function (ref) { spans = spans.concat(spansOf(ref)); });
    spans.forEach(function (el) { el.classList.add("active"); marked.push(el); });
    item.classList.add("active");
    marked.push(item);
    var mainSpans = spansOf(refs[0] || "");
    showDetails(item, item.hasAttribute("data-actor") ? [] : mainSpans);
    if (scroll && spans.length) {
      spans[0].scrollIntoView({ block: "center" });
    }
    if (refs.length && history.replaceState) {
      history.replaceState(null, "", "#" + (item.getAttribute("data-item") || refs[0]));
    }
  }

  function itemFor(ref) {
    return Array.prototype.find.call(document.querySelectorAll("[data-targets]"), function (el) {
      return el.getAttribute("data-targets").split(/\s+/).indexOf(ref) >= 0;
    });
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest("a[href]");
    if (link && link.getAttribute("href").charAt(0) !== "#") {
      return; // a link to another page
    }
    var item = event.target.closest("[data-targets]");
    if (item) {
      event.preventDefault();
      activate(item, true);
      return;
    }
    var span = event.target.closest("#body [data-ref]");
    if (span) {
      var found = itemFor(span.getAttribute("data-ref"));
      if (found) {
        activate(found, false);
        found.scrollIntoView({ block: "nearest" });
      }
    }
  });

  // Arriving with #q-3 (or #a-2) in the address, or with an evidence span from another page.
  var wanted = decodeURIComponent(location.hash.slice(1));
  var start = wanted && wanted !== "evidence"
    ? (document.querySelector('[data-item="' + wanted.replace(/"/g, "") + '"]') || itemFor(wanted))
    : null;
  if (start) {
    activate(start, true);
  } else {
    var evidence = document.getElementById("evidence");
    if (evidence) {
      evidence.classList.add("active");
      marked.push(evidence);
      evidence.scrollIntoView({ block: "center" });
    }
  }
})();
