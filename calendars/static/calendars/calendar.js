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
        .then(success).catch(failure);
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
      var pk = info.event.extendedProps.pk;
      if (!pk) { info.revert(); return; }
      fetch(config.moveUrl.replace("/0/", "/" + pk + "/"), {
        method: "POST", credentials: "same-origin",
        headers: { "Content-Type": "application/json", "X-CSRFToken": csrf() },
        body: JSON.stringify({ start: info.event.start.toISOString() })
      }).then(function (r) { return r.json().then(function (body) { return [r.ok, body]; }); })
        .then(function (result) {
          if (result[0]) { status.textContent = result[1].message; return; }
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
