/** Arguments of the permit subgraph that subgraphs/common does not cover; malformed → BAD_USER_INPUT. */
import { GraphQLError } from 'graphql';
import { badUserInput } from '../../graph/errors.ts';
import { type Caller, mayReadPersonalData } from '../../graph/caller.ts';

/** Ten years: licences run four, so anything longer asks for the whole register. */
const MAX_WITHIN_DAYS = 3650;

export function withinDaysArg(value: number): number {
  if (!Number.isInteger(value) || value < 0 || value > MAX_WITHIN_DAYS) {
    throw badUserInput(`withinDays must be from 0 to ${MAX_WITHIN_DAYS}, got ${value}`, 'withinDays');
  }
  return value;
}

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

/** A resident ID number (GB 11643): 17 digits and the ISO 7064 MOD 11-2 check character. */
export function idNumberArg(value: string, argument = 'idNumber'): string {
  const id = value.trim().toUpperCase();
  if (!/^\d{17}[\dX]$/.test(id))
    throw badUserInput(`${argument} must be 17 digits and a check character (digit or X)`, argument);
  const sum = ID_WEIGHTS.reduce((s, w, i) => s + w * Number(id[i]), 0);
  if (ID_CHECK[sum % 11] !== id[17])
    throw badUserInput(`${argument} check character should be '${ID_CHECK[sum % 11]}', got '${id[17]}'`, argument);
  return id;
}

/** Looking people up by ID number is itself reading personal data. */
export function requirePersonalDataRight(caller: Caller, field: string): void {
  if (!mayReadPersonalData(caller)) {
    throw new GraphQLError(`${field} is only for callers who may read personal data`, {
      extensions: { code: 'FORBIDDEN' },
    });
  }
}
