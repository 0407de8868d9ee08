// Loaded by demo.js into a demo frame (the sample page or the playground), so
// the core runs in the frame's own realm and sees its DOM natively, the way
// the extension's content script does. It reports back through a hook the
// demo set on the frame's window, then the demo removes this script element.
const hook = window.__declutterHook;
delete window.__declutterHook;

const url = new URL("/pkg/declutter.js", import.meta.url).href;
import(url)
  .then(async (core) => {
    await core.default();
    hook?.({ core });
  })
  .catch((error) => hook?.({ error: String(error?.message ?? error) }));
