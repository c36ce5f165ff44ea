/* Editorial calendar: FullCalendar (vendored) reading /calendar/data.json; dragging a
   scheduled piece POSTs to the same reschedule service as the form, and reverts on refusal.
   Accessibility (axe, WCAG 2.1 AA, in every view): colours with AA contrast live in
   calendar.css; the two hooks below fix FullCalendar's markup (see docs/calendars.md). */
(function () {
  "use strict";
  var config = JSON.parse(document.getElementById("calendar-config").textContent);
  var element = document.getElementById("editorial-calendar");
  var status = document.getElementById("calendar-status");
  function csrf() {
    var match = document.cookie.match(/(?:^|; )csrftoken=([^;]+)/);
    if (match) { return decodeURIComponent(match[1]); }
    return element.getAttribute("data-csrf") || "";
  }
  // The prev/next buttons are named by their title; their icon is decoration, not an
  // unnamed image (axe role-img-alt). Re-run after every render of the toolbar.
  function hideIcons() {
    element.querySelectorAll(".fc-toolbar .fc-icon[role=img]").forEach(function (icon) {
      icon.removeAttribute("role");
      icon.setAttribute("aria-hidden", "true");
    });
  }
  // The legend says how many items of each layer (planned, scheduled, ...) the view holds.
  function count(items) {
    var shown = config.shown || [];
    var totals = {};
    items.forEach(function (item) {
      var layer = item.extendedProps && item.extendedProps.layer;
      if (layer) { totals[layer] = (totals[layer] || 0) + 1; }
    });
    document.querySelectorAll("[data-layer-count]").forEach(function (span) {
      var layer = span.getAttribute("data-layer-count");
      span.textContent = shown.length && shown.indexOf(layer) < 0 ? config.hidden :
        config.inView.replace("%(count)s", String(totals[layer] || 0));
    });
  }
  var locale = config.locale === "pt-br" ? "pt-br" : (config.locale === "pt-pt" ? "pt" : "en");
  // A phone reads a list better than a month grid of 50 px days (docs/calendars.md).
  var narrow = window.matchMedia("(max-width: 599px)");
  var calendar = new FullCalendar.Calendar(element, {
    locale: locale,
    initialView: narrow.matches ? "listMonth" : "dayGridMonth",
    // Every piece a block filled with its channel's colour (calendar.css), timed ones too.
    eventDisplay: "block",
    // A day shows events first, then dated pieces, then planned ones (extendedProps.order), and
    // a crowded day its first six and a "+n" link to the rest.
    eventOrder: "order,start,-duration,allDay,title",
    eventOrderStrict: true,
    dayMaxEvents: 6,
    // Times as "10:00" (24 hours), never FullCalendar's bare "10" of the Portuguese locales.
    eventTimeFormat: {hour: "2-digit", minute: "2-digit", hour12: false},
    windowResize: function () {
      if (narrow.matches && calendar.view.type.indexOf("list") !== 0) { calendar.changeView("listMonth"); }
    },
    headerToolbar: { left: "prev,next today", center: "title", right: "dayGridMonth,timeGridWeek,listMonth" },
    editable: true,
    eventStartEditable: true,
    eventDurationEditable: false,
    events: function (info, success, failure) {
      var url = config.dataUrl + "?start=" + encodeURIComponent(info.startStr) +
        "&end=" + encodeURIComponent(info.endStr) + (config.query ? "&" + config.query : "");
      fetch(url, { credentials: "same-origin" }).then(function (r) { return r.json(); })
        .then(function (items) { if (Array.isArray(items)) { count(items); } success(items); })
        .catch(failure);
    },
    datesSet: hideIcons,
    // A month day cell is aria-labelledby its day number only, though it also holds the day's
    // events (axe label-content-name-mismatch): let the cell be named by its whole content.
    dayCellDidMount: function (info) { info.el.removeAttribute("aria-labelledby"); },
    eventDidMount: function (info) {
      var props = info.event.extendedProps;
      info.el.setAttribute("title", props.kind + " — " + props.status);
    },
    eventDrop: function (info) {
      var props = info.event.extendedProps;
      var url, body;
      if (props.pk) {  // a scheduled piece: its new date and time
        url = config.moveUrl.replace("/0/", "/" + props.pk + "/");
        body = { start: info.event.start.toISOString() };
      } else if (props.request) {  // a planned piece: a new desired date (a day)
        url = config.proposeUrl.replace("/0/", "/" + props.request + "/");
        body = { start: info.event.startStr.slice(0, 10), from: props.date };
      } else { info.revert(); return; }
      fetch(url, {
        method: "POST", credentials: "same-origin",
        headers: { "Content-Type": "application/json", "X-CSRFToken": csrf() },
        body: JSON.stringify(body)
      }).then(function (r) { return r.json().then(function (body) { return [r.ok, body]; }); })
        .then(function (result) {
          if (result[0]) {
            status.textContent = result[1].message;
            // A request planned on several channels moves all of its pieces at once.
            if (props.request) { calendar.refetchEvents(); }
            return;
          }
          info.revert();
          status.textContent = config.refused + " " + (result[1].error || "");
          window.alert(status.textContent);
        }).catch(function () { info.revert(); status.textContent = config.refused; });
    }
  });
  // On a phone the list grows with its content: the page scrolls, not a box inside it.
  if (narrow.matches) { calendar.setOption("height", "auto"); }
  calendar.render();
})();
