// MathJax, served from this site: formulas that pymdownx.arithmatex marked, nothing else.
window.MathJax = {
  tex: {
    inlineMath: [["\\(", "\\)"]],
    displayMath: [["\\[", "\\]"]],
    processEscapes: true,
    processEnvironments: true,
  },
  options: {
    ignoreHtmlClass: ".*|",
    processHtmlClass: "arithmatex",
    // The menu would make every formula a tab stop; screen readers get the hidden MathML.
    enableMenu: false,
  },
  // The glossary script typesets each page once Material has loaded it, the first too.
  startup: { typeset: false },
}
