// Glossary site behaviour on top of Material: math after each (instant) page load, term
// previews on touch, and the 404 page in the language of the missing URL.
/* global document$, MathJax */

// Material swaps the page content without a reload; typeset the new formulas each time.
// Typesetting is chained on MathJax's startup promise, so that it waits for MathJax to be
// ready and two runs never overlap (an overlap leaves formulas without their glyphs).
document$.subscribe(() => {
  if (typeof MathJax === "undefined" || !MathJax.startup) return
  MathJax.startup.promise = MathJax.startup.promise.then(() => {
    MathJax.startup.output.clearCache()
    MathJax.typesetClear()
    MathJax.texReset()
    return MathJax.typesetPromise()
  })
})

// Material's search dialog has no accessible name; give it the search box's.
const search = document.querySelector(".md-search[role=dialog]")
const searchBox = document.querySelector(".md-search__input[aria-label]")
if (search && searchBox) search.setAttribute("aria-label", searchBox.getAttribute("aria-label"))

// Term links show Material's instant preview on hover and on focus. A touch screen has
// no hover: the first tap on a term link focuses it, which opens the preview; a second
// tap on the same link follows it.
let lastPointer = "mouse"
document.addEventListener("pointerdown", event => { lastPointer = event.pointerType }, true)
document.addEventListener("click", event => {
  const link = event.target instanceof Element && event.target.closest("a[data-preview]")
  if (!link || lastPointer !== "touch" || link.dataset.glossaryArmed === "true") return
  event.preventDefault()
  event.stopPropagation()
  for (const armed of document.querySelectorAll("a[data-glossary-armed]"))
    delete armed.dataset.glossaryArmed
  link.dataset.glossaryArmed = "true"
  link.focus()
}, true)

// The one 404 page holds a text per language: show the one whose root the URL is under.
const notFound = [...document.querySelectorAll(".glossary-not-found[data-glossary-root]")]
if (notFound.length > 1) {
  const path = location.pathname
  const match = notFound
    .filter(section => path.startsWith(section.dataset.glossaryRoot))
    .sort((a, b) => b.dataset.glossaryRoot.length - a.dataset.glossaryRoot.length)[0]
    || notFound[0]
  for (const section of notFound) section.hidden = section !== match
  document.documentElement.lang = match.lang
  document.title = match.querySelector("h1").textContent
}
