/* Autosave of intake forms: every few seconds, when something changed, the form is posted to
   the draft endpoint (data-concept-url). The page works without it: every round trip of the
   form stores the draft on the server too. Same-origin script only (CSP). */
(function () {
  "use strict";
  var form = document.querySelector("form[data-concept-url]");
  if (!form || !window.fetch || !window.FormData) {
    return;
  }
  var status = document.getElementById("concept-status");
  var gewijzigd = false;
  var bezig = false;

  function melden(tekst) {
    if (status) {
      status.textContent = tekst;
    }
  }

  form.addEventListener("input", function () { gewijzigd = true; });
  form.addEventListener("change", function () { gewijzigd = true; });
  form.addEventListener("submit", function () { gewijzigd = false; });

  function opslaan() {
    if (!gewijzigd || bezig) {
      return;
    }
    gewijzigd = false;
    bezig = true;
    var data = new FormData(form);
    data.append("concept_soort", form.getAttribute("data-concept-soort") || "");
    fetch(form.getAttribute("data-concept-url"), {
      method: "POST",
      body: data,
      credentials: "same-origin",
      headers: { "X-Requested-With": "fetch" }
    }).then(function (antwoord) {
      return antwoord.json().then(function (json) {
        if (antwoord.ok) {
          melden("Concept bewaard om " + json.opgeslagen_op + ".");
        } else {
          melden("Concept niet bewaard: " + (json.fout || "onbekende fout") + ".");
        }
      });
    }).catch(function () {
      gewijzigd = true;
      melden("Geen verbinding: het concept wordt opnieuw bewaard zodra de verbinding terug is.");
    }).then(function () {
      bezig = false;
    });
  }

  window.setInterval(opslaan, 5000);
}());
