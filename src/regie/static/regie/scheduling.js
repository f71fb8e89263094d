// The schedule's calendar (FullCalendar): reads its settings from data- attributes, loads the
// events from a JSON endpoint, and posts drags and resizes with the item's version. A refusal
// (409: someone else changed the item; 400: impossible times) puts the item back and says why.
// The calendar runs in "UTC" and the server sends local wall-clock times, so what is shown and
// what is sent back are the production's local times.
document.addEventListener("DOMContentLoaded", () => {
  const element = document.querySelector("[data-calendar]");
  if (!element || typeof window.FullCalendar === "undefined") {
    return;
  }
  const settings = element.dataset;
  const message = document.querySelector("[data-calendar-message]");
  const say = (text, kind) => {
    if (!message) {
      return;
    }
    message.textContent = text;
    message.className = `calendar-message msg-${kind}`;
    message.hidden = !text;
  };
  const csrf = () => {
    const field = document.querySelector("input[name=csrfmiddlewaretoken]");
    return field ? field.value : "";
  };
  // A Date of the "UTC" calendar as the local wall-clock time it stands for: 2027-03-28T20:00.
  const wallClock = (date) => date.toISOString().slice(0, 16);
  const editable = settings.editable === "true";

  const save = async (info) => {
    const event = info.event;
    const body = new FormData();
    body.append("version", event.extendedProps.version);
    body.append("start", wallClock(event.start));
    body.append("end", wallClock(event.end || new Date(event.start.getTime() + 3600000)));
    let response;
    let answer = {};
    try {
      response = await fetch(event.extendedProps.moveUrl, {
        method: "POST",
        body,
        headers: { "X-CSRFToken": csrf(), Accept: "application/json" },
        credentials: "same-origin",
      });
      answer = await response.json().catch(() => ({}));
    } catch (error) {
      info.revert();
      say(settings.savingError || String(error), "error");
      return;
    }
    if (response.ok) {
      event.setExtendedProp("version", answer.version);
      say(answer.message || "", answer.conflicts && answer.conflicts.length ? "warning" : "success");
      element.dataset.lastMove = "saved";
    } else {
      info.revert();
      if (answer.event && answer.event.extendedProps) {
        // Someone else saved first: show the item where it now is, with its new version.
        event.setExtendedProp("version", answer.event.extendedProps.version);
        event.setDates(answer.event.start, answer.event.end);
      }
      say(answer.error || settings.savingError || response.statusText, "error");
      element.dataset.lastMove = "refused";
    }
  };

  const options = {
    timeZone: "UTC",
    locale: settings.locale || "en",
    initialView: settings.view || "timeGridWeek",
    firstDay: 1,
    height: "auto",
    nowIndicator: false,
    allDaySlot: false,
    scrollTime: "08:00:00",
    slotDuration: "00:30:00",
    snapDuration: "00:15:00",
    headerToolbar: {
      left: "prev,next today",
      center: "title",
      right: "dayGridMonth,timeGridWeek,timeGridDay,listWeek",
    },
    eventTimeFormat: { hour: "2-digit", minute: "2-digit", hour12: false },
    slotLabelFormat: { hour: "2-digit", minute: "2-digit", hour12: false },
    events: {
      url: settings.eventsUrl,
      failure: () => say(settings.error, "error"),
    },
    editable,
    eventStartEditable: editable,
    eventDurationEditable: editable,
    eventDrop: save,
    eventResize: save,
  };
  if (settings.date) {
    options.initialDate = settings.date;
  }
  if (editable && settings.newUrl) {
    options.dateClick = (info) => {
      const start = wallClock(info.date);
      window.location.assign(`${settings.newUrl}?start=${encodeURIComponent(start)}`);
    };
  }
  const calendar = new window.FullCalendar.Calendar(element, options);
  calendar.render();
  window.regieCalendar = calendar;
});
