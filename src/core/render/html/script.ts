// The report's only script: sorting and filtering the per-class table. Plain ES5-style DOM code,
// no eval, no network, inline (the page's Content-Security-Policy allows inline script only).
// It reads the table the renderer wrote and never touches data as markup: it compares the
// cells' text and data-v values and moves whole rows. A row's data-status holds one or more
// space-separated words (its recall status, and "precision-regression"), matched whole.

export const TABLE_SCRIPT = `(function () {
  var table = document.getElementById('classes');
  if (!table) return;
  var body = table.tBodies[0];
  var rows = Array.prototype.slice.call(body.rows);
  var filter = document.getElementById('class-filter');
  var status = document.getElementById('status-filter');
  var count = document.getElementById('shown-count');
  function key(row, col, type) {
    var cell = row.cells[col];
    if (type !== 'num') return cell.textContent.toLowerCase();
    var v = cell.getAttribute('data-v');
    return v === null || v === '' ? NaN : Number(v);
  }
  function apply() {
    var q = filter.value.trim().toLowerCase();
    var s = status.value;
    var shown = 0;
    rows.forEach(function (row) {
      var ok = (!q || row.cells[0].textContent.toLowerCase().indexOf(q) >= 0) &&
        (!s || (' ' + row.getAttribute('data-status') + ' ').indexOf(' ' + s + ' ') >= 0);
      row.hidden = !ok;
      if (ok) shown++;
    });
    count.textContent = shown + ' of ' + rows.length;
  }
  Array.prototype.forEach.call(table.querySelectorAll('th button'), function (button) {
    button.addEventListener('click', function () {
      var th = button.parentNode;
      var col = Number(button.getAttribute('data-col'));
      var type = button.getAttribute('data-type');
      var dir = th.getAttribute('aria-sort') === 'ascending' ? -1 : 1;
      Array.prototype.forEach.call(table.querySelectorAll('th'), function (h) { h.setAttribute('aria-sort', 'none'); });
      th.setAttribute('aria-sort', dir === 1 ? 'ascending' : 'descending');
      rows.sort(function (a, b) {
        var x = key(a, col, type), y = key(b, col, type);
        if (type === 'num' && (isNaN(x) || isNaN(y))) return isNaN(x) === isNaN(y) ? 0 : isNaN(x) ? 1 : -1;
        if (type !== 'num') return dir * x.localeCompare(y);
        return x < y ? -dir : x > y ? dir : 0;
      });
      rows.forEach(function (r) { body.appendChild(r); });
    });
  });
  filter.addEventListener('input', apply);
  status.addEventListener('change', apply);
  apply();
})();`;
