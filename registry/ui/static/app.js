// Progressive enhancement only: every page works without this file.
// 1. Filter boxes: <input data-filter="selector of rows">; rows carry data-text.
// 2. Copy buttons: <button data-copy="text" hidden> are shown and copy their text.
(function () {
  'use strict';
  document.querySelectorAll('input[data-filter]').forEach(function (input) {
    var rows = document.querySelectorAll(input.getAttribute('data-filter'));
    var card = input.closest('.card');
    var empty = card ? card.querySelector('.filter-empty') : null;
    var apply = function () {
      var words = input.value.toLowerCase().split(/\s+/).filter(Boolean);
      var shown = 0;
      rows.forEach(function (row) {
        var text = (row.getAttribute('data-text') || row.textContent || '').toLowerCase();
        var match = words.every(function (w) { return text.indexOf(w) >= 0; });
        row.hidden = !match;
        if (match) shown++;
      });
      if (empty) empty.hidden = shown !== 0;
    };
    input.addEventListener('input', apply);
    apply();
  });
  document.querySelectorAll('button[data-copy]').forEach(function (button) {
    if (!navigator.clipboard) return;
    button.hidden = false;
    button.addEventListener('click', function () {
      navigator.clipboard.writeText(button.getAttribute('data-copy') || '').then(
        function () { button.textContent = 'Copied'; setTimeout(function () { button.textContent = 'Copy'; }, 1500); },
        function () { button.textContent = 'Select and copy'; }
      );
    });
  });
})();
