/** Validation of identifier arguments: a malformed one is BAD_USER_INPUT naming the argument and the reason. */
import {
  parseRegistrationCode,
  validateCertificateNumber,
  validateUscc,
  isDistrictCode,
  RETIRED_DISTRICT_CODES,
  DISTRICTS,
} from '../../reference/index.ts';
import { badUserInput } from '../../graph/errors.ts';

export function usccArg(value: string, argument = 'uscc'): string {
  const v = validateUscc(value);
  if (!v.ok) throw badUserInput(`${argument} is not a valid unified social credit code: ${v.reason}`, argument);
  return v.value;
}

export function registrationCodeArg(value: string, argument = 'code'): string {
  const v = parseRegistrationCode(value);
  if (!v.ok) throw badUserInput(`${argument} is not a valid registration code: ${v.reason}`, argument);
  return v.value.code;
}

export function certificateNumberArg(value: string, argument = 'number'): string {
  const v = validateCertificateNumber(value);
  if (!v.ok) throw badUserInput(`${argument} is not a valid operator certificate number: ${v.reason}`, argument);
  return v.value.number;
}

/** Accepts today's district codes and the retired ones, which map to today's district. */
export function districtArg(value: string, argument = 'district'): string {
  const current = RETIRED_DISTRICT_CODES[value] ?? value;
  if (!isDistrictCode(current)) {
    throw badUserInput(
      `${argument} '${value}' is not a Shanghai district code (one of ${DISTRICTS.map((d) => d.code).join(', ')})`,
      argument,
    );
  }
  return current;
}
