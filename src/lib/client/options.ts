// Answer buttons: colour, shape and letter together, so that they work for colour-blind players.
// Each colour holds its text (white, or ink on the yellow) at WCAG AA contrast.
export const OPTION_STYLES = [
	{ letter: 'A', shape: '▲', color: '#d01a38', text: '#fff' },
	{ letter: 'B', shape: '◆', color: '#1368ce', text: '#fff' },
	{ letter: 'C', shape: '●', color: '#f0b000', text: '#14213d' },
	{ letter: 'D', shape: '■', color: '#1f7a0a', text: '#fff' },
	{ letter: 'E', shape: '★', color: '#864cbf', text: '#fff' },
	{ letter: 'F', shape: '⬟', color: '#067373', text: '#fff' }
] as const;

export function optionStyle(i: number) {
	return OPTION_STYLES[i % OPTION_STYLES.length]!;
}

export const TRUE_FALSE_LABELS = ['正确', '错误'] as const;

/** Labels for a question's choices as the page shows them (true/false in the page's language). */
export function choiceLabels(
	q: { type: string; options: string[] },
	trueFalse: readonly string[] = TRUE_FALSE_LABELS
): string[] {
	return q.type === 'truefalse' ? [...trueFalse] : q.options;
}
