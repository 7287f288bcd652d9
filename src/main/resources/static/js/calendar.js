// The staff calendar (FullCalendar). The page works without this file: it lists the period's
// appointments with a form to move each and a form to book. With it, the same period is drawn as a
// day or a week; dragging an appointment moves it and selecting a free time opens the booking form,
// both through the page's own endpoints, which refuse what the API refuses, in the same words.
(function () {
  'use strict';
  var el = document.getElementById('calendar');
  if (!el || typeof FullCalendar === 'undefined') {
    return;
  }
  var csrfHeader = document.querySelector('meta[name="csrf-header"]').content;
  var csrfToken = document.querySelector('meta[name="csrf-token"]').content;
  var canWrite = el.dataset.canWrite === 'true';
  var status = document.createElement('p');
  status.setAttribute('role', 'status');
  status.className = 'calendar-status';
  el.parentNode.insertBefore(status, el);

  document.querySelectorAll('.with-script').forEach(function (n) { n.hidden = false; });
  var agenda = document.getElementById('agenda');
  if (agenda) {
    agenda.classList.add('behind-calendar');
  }

  function say(text, problem) {
    status.textContent = text;
    status.className = 'calendar-status ' + (problem ? 'error' : 'notice');
  }

  function post(url, fields) {
    var body = new URLSearchParams(fields);
    var headers = { 'Accept': 'application/json' };
    headers[csrfHeader] = csrfToken;
    return fetch(url, { method: 'POST', headers: headers, body: body, credentials: 'same-origin' })
      .then(function (response) {
        return response.json().then(function (json) {
          if (!response.ok) {
            throw new Error(json.detail || json.title || response.statusText);
          }
          return json;
        });
      });
  }

  // FullCalendar runs in UTC mode: the times it gives and takes are the practice's wall-clock
  // times (see CalendarPages), so "2027-04-06T09:30:00Z" means 09:30 at the practice.
  function wall(date) {
    return date.toISOString().substring(0, 16);
  }

  var calendar = new FullCalendar.Calendar(el, {
    timeZone: 'UTC',
    locale: el.dataset.locale,
    firstDay: 1,
    initialView: el.dataset.view === 'week' ? 'timeGridWeek' : 'timeGridDay',
    initialDate: el.dataset.date,
    headerToolbar: false,
    allDaySlot: false,
    nowIndicator: true,
    slotMinTime: '07:00:00',
    slotMaxTime: '20:00:00',
    slotDuration: '00:30:00',
    snapDuration: '00:15:00',
    height: 'auto',
    expandRows: true,
    eventTimeFormat: { hour: '2-digit', minute: '2-digit', hour12: false },
    slotLabelFormat: { hour: '2-digit', minute: '2-digit', hour12: false },
    editable: canWrite,
    eventDurationEditable: false,
    selectable: canWrite,
    selectMirror: true,
    events: el.dataset.events,
    eventDidMount: function (info) {
      var p = info.event.extendedProps;
      info.el.setAttribute('title', [p.patient, p.type, p.provider, p.room, p.status]
        .filter(Boolean).join(' · '));
      info.el.dataset.appointment = info.event.id;
    },
    eventDrop: function (info) {
      say('…', false);
      post(el.dataset.move + info.event.id + '/move', { start: wall(info.event.start) })
        .then(function () {
          say(document.documentElement.lang === 'fr' ? 'Rendez-vous déplacé.'
            : document.documentElement.lang === 'it' ? 'Appuntamento spostato.'
            : 'Appointment moved.', false);
          calendar.refetchEvents();
        })
        .catch(function (error) {
          info.revert();
          say(error.message, true);
        });
    },
    select: function (info) {
      openBooking(wall(info.start));
      calendar.unselect();
    }
  });
  calendar.render();

  // Booking: the page's form, shown in a dialog with the selected time filled in.
  var section = document.getElementById('book');
  var form = document.getElementById('book-form');
  var search = document.getElementById('patient-search');
  var dialog = null;
  if (section && form) {
    dialog = document.createElement('dialog');
    dialog.className = 'booking';
    dialog.setAttribute('aria-labelledby', 'book-title');
    document.body.appendChild(dialog);
    document.getElementById('book-close').addEventListener('click', function () { dialog.close(); });
    dialog.addEventListener('close', function () {
      var main = document.getElementById('main');
      main.appendChild(section);
    });
    form.addEventListener('submit', function (event) {
      event.preventDefault();
      post(form.action, Object.fromEntries(new FormData(form)))
        .then(function () {
          if (dialog.open) { dialog.close(); }
          say(section.dataset.booked || '✓', false);
          calendar.refetchEvents();
        })
        .catch(function (error) {
          var p = form.querySelector('p.error');
          if (!p) {
            p = document.createElement('p');
            p.className = 'error';
            p.setAttribute('role', 'alert');
            form.insertBefore(p, form.firstChild);
          }
          p.textContent = error.message;
        });
    });
  }
  if (search) {
    search.addEventListener('submit', function (event) {
      event.preventDefault();
      var q = search.querySelector('input[name="patientQuery"]').value;
      fetch('/api/v1/patients?limit=20&q=' + encodeURIComponent(q), {
        headers: { 'Accept': 'application/json' }, credentials: 'same-origin'
      }).then(function (r) { return r.ok ? r.json() : []; }).then(function (found) {
        var fieldset = document.getElementById('patients');
        var legend = fieldset.querySelector('legend');
        fieldset.textContent = '';
        fieldset.appendChild(legend);
        found.forEach(function (p, i) {
          var label = document.createElement('label');
          label.className = 'choice';
          var radio = document.createElement('input');
          radio.type = 'radio';
          radio.name = 'patient';
          radio.value = p.id;
          radio.checked = i === 0;
          var text = document.createElement('span');
          text.textContent = [p.givenName, p.familyName].filter(Boolean).join(' ')
            + (p.birthDate ? ' (' + p.birthDate + ')' : '');
          label.appendChild(radio);
          label.appendChild(text);
          fieldset.appendChild(label);
        });
        if (found.length === 0) {
          var none = document.createElement('p');
          none.className = 'muted';
          none.textContent = section.dataset.noPatient || '—';
          fieldset.appendChild(none);
        }
      });
    });
  }

  // Only the types the chosen provider offers.
  function narrowTypes() {
    var provider = form.querySelector('select[name="provider"]').value;
    var select = form.querySelector('select[name="type"]');
    var first = null;
    Array.prototype.forEach.call(select.options, function (option) {
      var offered = (option.dataset.providers || '').split(' ').indexOf(provider) >= 0;
      option.hidden = !offered;
      option.disabled = !offered;
      if (offered && first === null) { first = option; }
    });
    if (select.selectedOptions.length === 0 || select.selectedOptions[0].disabled) {
      if (first) { first.selected = true; }
    }
  }
  if (form) {
    form.querySelector('select[name="provider"]').addEventListener('change', narrowTypes);
    narrowTypes();
  }

  function openBooking(start) {
    if (!section || !dialog) {
      return;
    }
    form.querySelector('input[name="start"]').value = start;
    narrowTypes();
    dialog.appendChild(section);
    dialog.showModal();
    section.querySelector('input[name="patientQuery"]').focus();
  }
})();
