// The inspection page (/kiem-tra-su-dung-von/{id}): before the photos are posted, record each file's capture time (the
// browser's lastModified, an ISO instant) and, when the officer allows it, the phone's position. The form works without
// this script (the server then records the time of the upload and no position).
(function () {
  "use strict";
  var form = document.getElementById("photo-form");
  if (!form) return;
  var input = document.getElementById("photos");
  var times = document.getElementById("capturedTimes");
  var status = document.getElementById("location-status");
  var fill = function () {
    var list = [];
    for (var i = 0; i < input.files.length; i++) {
      var f = input.files[i];
      list.push(f.lastModified ? new Date(f.lastModified).toISOString() : "");
    }
    times.value = list.join(",");
  };
  input.addEventListener("change", fill);
  form.addEventListener("submit", fill);
  if (navigator.geolocation) {
    navigator.geolocation.getCurrentPosition(function (p) {
      document.getElementById("latitude").value = String(p.coords.latitude);
      document.getElementById("longitude").value = String(p.coords.longitude);
      document.getElementById("accuracy").value = String(p.coords.accuracy);
      if (status) status.setAttribute("data-located", "1");
    }, function () { /* no position: the photos are taken without it */ }, { enableHighAccuracy: true, timeout: 10000, maximumAge: 60000 });
  }
})();
