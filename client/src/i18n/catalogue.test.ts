import { IntlMessageFormat } from 'intl-messageformat';
import { describe, expect, it } from 'vitest';
import { HQ_MESSAGES } from '../hq/i18n.js';
import { format, LANGUAGES, MESSAGES } from './messages.js';

type Ast = ReturnType<IntlMessageFormat['getAst']>;

/** The arguments a message uses (`{name}`, `{count, plural, …}`), nested ones included. */
function argumentsOf(ast: Ast, into = new Set<string>()): Set<string> {
  for (const element of ast) {
    // Literals (type 0) and `#` (type 7) name no argument; tags are not used (ignoreTag).
    const type: number = element.type;
    if ('value' in element && typeof element.value === 'string' && type !== 0 && type !== 7) into.add(element.value);
    if ('options' in element)
      for (const option of Object.values(element.options as Record<string, { value: Ast }>))
        argumentsOf(option.value, into);
  }
  return into;
}

const SETS = { 'the app (i18n/messages)': MESSAGES, 'the office screens (hq/messages)': HQ_MESSAGES } as const;

describe.each(Object.entries(SETS))('translations of %s', (_, messages) => {
  const reference = messages.en as Record<string, string>;
  const keys = Object.keys(reference).sort();

  it.each(LANGUAGES.map((l) => l.code))('%s has every key of English, and no other', (lang) => {
    const own = Object.keys(messages[lang]).sort();
    expect(
      keys.filter((k) => !own.includes(k)),
      'missing',
    ).toEqual([]);
    expect(
      own.filter((k) => !keys.includes(k)),
      'unknown',
    ).toEqual([]);
  });

  it.each(LANGUAGES.map((l) => l.code))(
    '%s: every message is ICU MessageFormat with the arguments English has',
    (lang) => {
      const own = messages[lang] as Record<string, string>;
      const problems: string[] = [];
      for (const key of keys) {
        const text = own[key];
        if (typeof text !== 'string' || text.trim() === '') {
          problems.push(`${key}: empty`);
          continue;
        }
        try {
          const args = [...argumentsOf(new IntlMessageFormat(text, lang === 'rn' ? 'fr' : lang).getAst())].sort();
          const expected = [...argumentsOf(new IntlMessageFormat(reference[key]!, 'en').getAst())].sort();
          if (args.join() !== expected.join()) problems.push(`${key}: {${args}} instead of {${expected}}`);
        } catch (error) {
          problems.push(`${key}: ${(error as Error).message}`);
        }
      }
      expect(problems).toEqual([]);
    },
  );
});

describe('plurals and words', () => {
  it('agrees numbers with their nouns in every language', () => {
    expect(format(MESSAGES.fr['review.bulkApprove'], { count: 1 }, 'fr')).toBe('Approuver la fiche sélectionnée');
    expect(format(MESSAGES.fr['review.bulkApprove'], { count: 3 }, 'fr')).toBe('Approuver les 3 fiches sélectionnées');
    expect(format(MESSAGES.fr['review.waitDays'], { days: 1 }, 'fr')).toBe('En attente depuis plus de 1 jour');
    expect(format(MESSAGES.en['review.count'], { count: 1 }, 'en')).toBe('1 record waiting');
    expect(format(MESSAGES.rn['review.count'], { count: 2 }, 'rn')).toBe('amafishi 2 ararindiriye');
    expect(format(HQ_MESSAGES.fr['hq.registry.count'], { count: 1 }, 'fr')).toBe('1 résultat');
    expect(format(HQ_MESSAGES.fr['hq.registry.count'], { count: 1234 }, 'fr')).toMatch(/^1\s234 résultats$/);
  });
});
