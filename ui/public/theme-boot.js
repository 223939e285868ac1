// Runs before the UI's first paint (loaded by index.html, not inline: the CSP forbids inline
// scripts): applies the theme chosen in Settings, kept by src/settings/theme.ts.
(function () {
  try {
    var theme = window.localStorage.getItem("outpost.theme");
    if (theme === "light" || theme === "dark") document.documentElement.dataset.theme = theme;
  } catch {
    // No storage (a locked-down browser): the system's choice applies.
  }
})();
