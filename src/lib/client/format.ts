// Times as the host pages show them (Chinese locale).
const SHORT: Intl.DateTimeFormatOptions = {
	month: 'numeric',
	day: 'numeric',
	hour: '2-digit',
	minute: '2-digit'
};

/** "11/29 20:50": for lists of recent things. */
export const shortTime = (t: number): string => new Date(t).toLocaleString('zh-CN', SHORT);

/** With the year: for things that may be old, such as sessions. */
export const fullTime = (t: number): string =>
	new Date(t).toLocaleString('zh-CN', { year: 'numeric', ...SHORT });
