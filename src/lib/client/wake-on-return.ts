// A phone that comes back (the screen turned on again, the network back) may hold a dead
// connection until the next heartbeat: the page asks its session to reconnect at once. Returns
// the clean-up for the page's onDestroy.
export function wakeOnReturn(session: { wake(): void }): () => void {
	const onReturn = () => {
		if (document.visibilityState === 'visible') session.wake();
	};
	document.addEventListener('visibilitychange', onReturn);
	window.addEventListener('online', onReturn);
	return () => {
		document.removeEventListener('visibilitychange', onReturn);
		window.removeEventListener('online', onReturn);
	};
}
