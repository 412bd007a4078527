// Answer buttons: colour, shape and letter together, so that they work for colour-blind players.
export const OPTION_STYLES = [
	{ letter: 'A', shape: '▲', color: '#e21b3c' },
	{ letter: 'B', shape: '◆', color: '#1368ce' },
	{ letter: 'C', shape: '●', color: '#d89e00' },
	{ letter: 'D', shape: '■', color: '#26890c' },
	{ letter: 'E', shape: '★', color: '#864cbf' },
	{ letter: 'F', shape: '⬟', color: '#0aa3a3' }
] as const;

export function optionStyle(i: number) {
	return OPTION_STYLES[i % OPTION_STYLES.length]!;
}

export const TRUE_FALSE_LABELS = ['正确', '错误'] as const;

export const TYPE_LABELS: Record<string, string> = {
	single: '单选题',
	multiple: '多选题',
	truefalse: '判断题',
	fillin: '填空题',
	poll: '投票'
};

/** Labels for a question's choices as the page shows them (true/false in the page's language). */
export function choiceLabels(
	q: { type: string; options: string[] },
	trueFalse: readonly string[] = TRUE_FALSE_LABELS
): string[] {
	return q.type === 'truefalse' ? [...trueFalse] : q.options;
}
