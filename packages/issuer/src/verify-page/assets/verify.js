// The verify page's only script (progressive enhancement, CSP script-src 'self'): a file can also
// be dropped onto the file field. The form works the same without it.
(() => {
  const input = document.getElementById('file');
  const zone = document.getElementById('file-field');
  const status = document.getElementById('file-status');
  const hint = document.getElementById('file-drop-hint');
  if (!input || !zone || !status || typeof DataTransfer === 'undefined') return;
  zone.classList.add('drop-ready');
  if (hint) hint.hidden = false;
  const say = (text) => {
    status.textContent = text;
  };
  zone.addEventListener('dragover', (event) => {
    event.preventDefault();
    zone.classList.add('drop-over');
  });
  zone.addEventListener('dragleave', () => zone.classList.remove('drop-over'));
  zone.addEventListener('drop', (event) => {
    event.preventDefault();
    zone.classList.remove('drop-over');
    const files = event.dataTransfer ? event.dataTransfer.files : null;
    if (!files || files.length === 0) return;
    if (files.length > 1) {
      say('Drop one file at a time.');
      return;
    }
    input.files = files;
    say(`Chosen: ${files[0].name}`);
  });
  input.addEventListener('change', () => {
    say(input.files?.[0] ? `Chosen: ${input.files[0].name}` : '');
  });
})();
