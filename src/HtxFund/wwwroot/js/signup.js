// The sign-up's proof of work (SubmitSignUp): before the form goes, find the decimal counter for which
// SHA-256(challenge + ":" + counter) starts with `data-pow` zero bits, with WebCrypto, and put it in the form.
// The server checks it once (ProofOfWork.Solves). No outside service is involved.
(function () {
    "use strict";
    var form = document.getElementById("sign-up-form");
    if (!form || !window.crypto || !window.crypto.subtle) return;
    var bits = parseInt(form.getAttribute("data-pow"), 10);
    var challenge = document.getElementById("Input_Challenge");
    var counter = document.getElementById("Input_Counter");
    var status = document.getElementById("sign-up-pow-status");
    var encoder = new TextEncoder();
    var solving = false;

    function zeroBits(bytes) {
        var n = 0;
        for (var i = 0; i < bytes.length; i++) {
            var b = bytes[i];
            if (b === 0) { n += 8; continue; }
            while ((b & 0x80) === 0) { n++; b <<= 1; }
            return n;
        }
        return n;
    }

    async function solve(text) {
        for (var n = 0; ; n++) {
            var hash = await window.crypto.subtle.digest("SHA-256", encoder.encode(text + ":" + n));
            if (zeroBits(new Uint8Array(hash)) >= bits) return String(n);
        }
    }

    form.addEventListener("submit", function (event) {
        if (counter.value) return;
        event.preventDefault();
        if (solving) return;
        solving = true;
        if (status) status.textContent = "Đang kiểm tra chống gửi tự động…";
        solve(challenge.value).then(function (found) {
            counter.value = found;
            if (status) status.textContent = "";
            solving = false;
            form.submit();
        });
    });
})();
