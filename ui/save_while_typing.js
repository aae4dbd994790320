// Commits the text of devtalk's autosaved text boxes about a second after the last keystroke.
// Streamlit's text_area sends its value only on blur or Ctrl+Enter, so text typed without
// leaving the field was lost when the tab closed, and text typed just before a server restart
// stayed in the box without ever being stored. ui/save_while_typing.py says how this gets onto the page.
(() => {
  if (window.devtalkSaveWhileTyping) return; // st.html runs this again on reruns: one set of listeners
  window.devtalkSaveWhileTyping = true;
  const KEY_PREFIXES = __KEY_PREFIXES__;
  const QUIET_MS = 1000;
  const RETRY_MS = 1000;
  const committed = new Map(); // widget key -> the text this script last committed
  const timers = new Map(); // widget key -> pending commit
  const lostOnBlur = new Set(); // widget keys whose text Streamlit sent on blur with no server there

  const widgetKey = (textarea) => {
    for (let node = textarea.parentElement; node; node = node.parentElement) {
      for (const name of node.classList) {
        if (KEY_PREFIXES.some((prefix) => name.startsWith(prefix))) return name;
      }
    }
    return null;
  };
  // Streamlit may replace the element on a rerun; the key class stays.
  const find = (key) => document.querySelector(`.${CSS.escape(key)} textarea`);

  // TextArea commits on Ctrl+Enter when React counts its text as changed; React listens at the root.
  const pressCtrlEnter = (textarea) => textarea.dispatchEvent(new KeyboardEvent("keydown", {
    key: "Enter", code: "Enter", ctrlKey: true, bubbles: true, cancelable: true,
  }));

  // Streamlit's rerun shortcut ("r" outside a text box): the run carries every widget's value.
  const rerun = () => {
    for (const type of ["keydown", "keyup"]) document.body.dispatchEvent(new KeyboardEvent(type, { key: "r", bubbles: true }));
  };

  const commit = (key) => {
    timers.delete(key);
    const textarea = find(key);
    if (!textarea) return;
    if (textarea.disabled) { // no server (Streamlit disables widgets while it reconnects): try again
      timers.set(key, setTimeout(() => commit(key), RETRY_MS));
      return;
    }
    const text = textarea.value;
    if (committed.get(key) === text) return;
    committed.set(key, text);
    // A box that lost the focus when it was disabled handed its text to Streamlit on blur, but
    // the message to the old server was lost and Streamlit does not rerun by itself on reconnect;
    // the box no longer counts its text as changed, so only a rerun carries it.
    if (lostOnBlur.delete(key)) rerun();
    else pressCtrlEnter(textarea);
  };

  const autosaved = (event) => event.isTrusted && event.target instanceof HTMLTextAreaElement ? widgetKey(event.target) : null;
  document.addEventListener("input", (event) => {
    const key = autosaved(event);
    if (!key) return;
    lostOnBlur.delete(key); // typed again: the box counts its text as changed once more
    clearTimeout(timers.get(key));
    timers.set(key, setTimeout(() => commit(key), QUIET_MS));
  }, true);
  document.addEventListener("focusout", (event) => {
    const key = autosaved(event);
    if (key && event.target.disabled) lostOnBlur.add(key);
  }, true);
})();
