// Streamlit's own words in devtalk's language, where no widget parameter reaches them.
// ui/widgets.py fills in SETTINGS and says which texts the widget parameters cover instead.
(() => {
  const SETTINGS = __SETTINGS__;
  const state = (window.devtalkWidgets ??= {});
  state.settings = SETTINGS; // st.html runs this again when the language changes: take the new words
  state.texts = SETTINGS.texts.map(([pattern, text, onTouch]) => [new RegExp(`^(?:${pattern})$`), text, onTouch]);
  // For the browser: hyphenation, spelling, screen readers, and the date fields' own reading.
  document.documentElement.lang = SETTINGS.lang;

  // Streamlit's calendar takes month and day names and the first weekday from navigator.language,
  // which is the browser's language, not the person's; it reads it when the calendar opens, so
  // answering with the person's locale from here on is enough. No rerun to redraw the page: one
  // would drop a message the page shows once (a wrong card's) and race a first tap or keystroke.
  // A browser already in the person's language keeps its own variant of it (en-US, nl-BE).
  state.browser ??= navigator.language;
  state.locale = state.browser.split("-")[0] === SETTINGS.lang ? state.browser : SETTINGS.locale;
  if (!state.installed) {
    Object.defineProperty(Navigator.prototype, "language", { get: () => state.locale, configurable: true });
    Object.defineProperty(Navigator.prototype, "languages", { get: () => [state.locale], configurable: true });
  }

  // A phone has no Ctrl key: a hint to press one is hidden there rather than translated.
  const touch = () => window.matchMedia("(pointer: coarse)").matches;
  const translate = (node) => {
    const shown = node.nodeValue.trim();
    const parent = node.parentElement;
    if (!shown || !parent) return;
    if (parent.dataset.devtalkHidden !== undefined) { // React reused a hidden hint's span for other text
      delete parent.dataset.devtalkHidden;
      parent.hidden = false;
    }
    for (const [pattern, text, onTouch] of state.texts) {
      if (!pattern.test(shown)) continue;
      if (onTouch === null && touch()) {
        parent.dataset.devtalkHidden = "";
        parent.hidden = true;
        return;
      }
      const translated = node.nodeValue.replace(shown, shown.replace(pattern, text));
      if (translated !== node.nodeValue) node.nodeValue = translated; // never again: no endless loop
      return;
    }
  };
  // A dropdown's placeholder is an attribute of its input, not text.
  const translatePlaceholder = (element) => {
    const shown = element.getAttribute("placeholder");
    const found = state.texts.find(([pattern]) => pattern.test(shown));
    const translated = found ? shown.replace(found[0], found[1]) : shown;
    if (translated !== shown) element.setAttribute("placeholder", translated);
  };
  const translateWithin = (root) => {
    if (root.nodeType === Node.TEXT_NODE) return translate(root);
    if (root.nodeType !== Node.ELEMENT_NODE) return;
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) translate(node);
    if (root.hasAttribute("placeholder")) translatePlaceholder(root);
    root.querySelectorAll("[placeholder]").forEach(translatePlaceholder);
  };
  // The Streamlit texts are in their own elements (a span, a button): they are matched whole.
  if (!state.installed) {
    new MutationObserver((records) => {
      for (const record of records) {
        if (record.type === "characterData") translate(record.target);
        else if (record.type === "attributes") translatePlaceholder(record.target);
        else record.addedNodes.forEach(translateWithin);
      }
    }).observe(document.body, { childList: true, subtree: true, characterData: true, attributes: true,
      attributeFilter: ["placeholder"] });
  }
  state.installed = true;
  translateWithin(document.body);
})();
