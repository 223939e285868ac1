// What a <select> answers, as one of the model's enum values: its options are the enum's values
// (the lists in words.ts), so the answer is one of them; `fallback` stands for anything else
// (a value a summary carries as plain text, or one the model dropped).

export function choice<T extends string>(options: readonly T[], value: string | null | undefined, fallback: T): T {
  return options.find((o) => o === value) ?? fallback;
}
