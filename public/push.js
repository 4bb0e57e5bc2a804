// "Recevoir les notifications sur cet appareil" (Ce que je reçois): asks the browser's permission,
// subscribes to web push with the server's key (the button's data-key), and hands the subscription
// to the server. Plain JavaScript, no build step; the button stays hidden where push cannot work.
(() => {
  const button = document.getElementById('push-subscribe');
  const status = document.getElementById('push-status');
  if (!button || !status) return;
  const say = (text) => { status.textContent = text; };
  if (!('serviceWorker' in navigator) || !('PushManager' in window) || !('Notification' in window)) {
    say(button.dataset.unsupported);
    return;
  }
  button.hidden = false;

  /** base64url (no padding) to bytes. */
  const bytesOf = (text) => Uint8Array.from(atob(text.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0));
  const sameBytes = (a, b) => a.length === b.length && a.every((byte, i) => byte === b[i]);

  button.addEventListener('click', async () => {
    button.disabled = true;
    try {
      if (await Notification.requestPermission() !== 'granted') {
        say(button.dataset.denied);
        return;
      }
      const key = bytesOf(button.dataset.key);
      const registration = await navigator.serviceWorker.ready;
      let subscription = await registration.pushManager.getSubscription();
      // A subscription made with another server's key cannot carry our messages: start again.
      const itsKey = subscription && subscription.options.applicationServerKey;
      if (subscription && !(itsKey && sameBytes(new Uint8Array(itsKey), key))) {
        await subscription.unsubscribe();
        subscription = null;
      }
      subscription ||= await registration.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: key });
      const { endpoint, keys } = subscription.toJSON();
      const answer = await fetch('/api/save_push_subscription', {
        method: 'POST',
        body: new URLSearchParams({ endpoint, p256dh: keys.p256dh, auth: keys.auth }),
      });
      if (!answer.ok) throw new Error(`the server answered ${answer.status}`);
      say(button.dataset.done);
      // The list of devices now names this one.
      window.location.reload();
    } catch (error) {
      console.warn('push subscription', error);
      say(button.dataset.failed);
    } finally {
      button.disabled = false;
    }
  });
})();
