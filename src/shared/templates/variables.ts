// Variables in a message's topic and payload, filled in at send time: {{now}}, {{timestamp}}, {{uuid}},
// {{counter}}, {{random 1 100}}, {{randomFloat 18 25 1}}, and {{ask name}} (a value the user types).
// Hand-written: a general template engine (Handlebars, Mustache) would add escaping and logic a payload
// must not get, and none has these generators.

/** What the generators draw on; tests pass fixed ones. */
export interface VariableContext {
  now: Date
  /** This send's number for {{counter}} (1 for the first message sent from the composer). */
  counter: number
  random: () => number
  uuid: () => string
  /** Values the user typed for {{ask name}}, by name. */
  answers: Readonly<Record<string, string>>
}

const VARIABLE = /\{\{\s*([^{}]*?)\s*\}\}/g

/** Whether a text holds any {{variable}}. */
export function hasVariables(text: string): boolean {
  return /\{\{[^{}]*\}\}/.test(text)
}

/** The names of {{ask name}} variables in the texts, each once, in order of appearance. */
export function askedNames(...texts: string[]): string[] {
  const names: string[] = []
  for (const text of texts) {
    for (const match of text.matchAll(VARIABLE)) {
      const [word, ...rest] = (match[1] ?? '').split(/\s+/)
      const name = rest.join(' ')
      if (word === 'ask' && name && !names.includes(name)) names.push(name)
    }
  }
  return names
}

function numberArgs(expression: string, args: string[], count: number, usage: string): number[] | string {
  const numbers = args.map(Number)
  if (args.length !== count || numbers.some((n) => !Number.isFinite(n))) return `{{${expression}}} needs ${count} numbers: write it like {{${usage}}}.`
  return numbers
}

/** One variable's value, or a sentence saying why it has none. */
function valueOf(expression: string, context: VariableContext): { value: string } | { error: string } {
  const [word = '', ...args] = expression.split(/\s+/)
  switch (word) {
    case 'now':
      return args.length === 0 ? { value: context.now.toISOString() } : { error: '{{now}} takes nothing after it; use {{timestamp}} for milliseconds since 1970.' }
    case 'timestamp':
      return { value: String(context.now.getTime()) }
    case 'uuid':
      return { value: context.uuid() }
    case 'counter':
      return { value: String(context.counter) }
    case 'random': {
      const parsed = numberArgs(expression, args, 2, 'random 1 100')
      if (typeof parsed === 'string') return { error: parsed }
      const [low, high] = parsed.map(Math.round) as [number, number]
      if (low > high) return { error: `{{${expression}}}: the first number must not be larger than the second.` }
      return { value: String(low + Math.floor(context.random() * (high - low + 1))) }
    }
    case 'randomFloat': {
      const parsed = numberArgs(expression, args, 3, 'randomFloat 18 25 1')
      if (typeof parsed === 'string') return { error: parsed }
      const [low, high, decimals] = parsed as [number, number, number]
      if (low > high || decimals < 0 || decimals > 15 || !Number.isInteger(decimals)) return { error: `{{${expression}}}: write the lowest value, the highest, then 0 to 15 decimals.` }
      return { value: (low + context.random() * (high - low)).toFixed(decimals) }
    }
    case 'ask': {
      const name = args.join(' ')
      if (!name) return { error: '{{ask}} needs a name for the value to ask for, like {{ask deviceId}}.' }
      const answer = context.answers[name]
      return answer === undefined || answer === '' ? { error: `Type a value for {{ask ${name}}} before sending.` } : { value: answer }
    }
    default:
      return { error: `{{${expression}}} is not a variable. Use now, timestamp, uuid, counter, random, randomFloat or ask.` }
  }
}

/** The text with every {{variable}} filled in, or the first problem as a sentence. */
export function expandVariables(text: string, context: VariableContext): { text: string } | { error: string } {
  let error: string | undefined
  const expanded = text.replace(VARIABLE, (_whole, expression: string) => {
    if (error) return ''
    const result = valueOf(expression, context)
    if ('error' in result) {
      error = result.error
      return ''
    }
    return result.value
  })
  return error ? { error } : { text: expanded }
}
