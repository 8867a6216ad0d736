/**
 * World sizes. `city` is Shanghai at the end of 2022 (DOMAIN.md): 304,634 elevators, 315 maintenance
 * companies, ~36,800 elevator user units. Other counts are proportionate guesses.
 */
import type { ScaleName } from './world.ts';

export interface Scale {
  readonly elevators: number;
  readonly maintainers: number;
  /** Elevator user units (使用单位): property managers, malls, offices, hospitals … */
  readonly userUnits: number;
  /** Non-elevator equipment: boilers, pressure vessels, cranes, forklifts, rides … */
  readonly otherEquipment: number;
  /** Factories and sites that use the non-elevator equipment. */
  readonly industrialUsers: number;
  /** Installers that are not also maintainers. */
  readonly installers: number;
  readonly manufacturers: number;
  /** Gas-cylinder filling stations (充装单位). */
  readonly fillers: number;
}

export const SCALES: Readonly<Record<ScaleName, Scale>> = {
  test: {
    elevators: 1_500,
    maintainers: 12,
    userUnits: 200,
    otherEquipment: 500,
    industrialUsers: 50,
    installers: 4,
    manufacturers: 7,
    fillers: 3,
  },
  demo: {
    elevators: 20_000,
    maintainers: 60,
    userUnits: 2_400,
    otherEquipment: 6_000,
    industrialUsers: 600,
    installers: 15,
    manufacturers: 20,
    fillers: 10,
  },
  city: {
    elevators: 304_634,
    maintainers: 315,
    userUnits: 36_800,
    otherEquipment: 120_000,
    industrialUsers: 12_000,
    installers: 80,
    manufacturers: 120,
    fillers: 60,
  },
};

export const SCALE_NAMES = Object.keys(SCALES) as ScaleName[];
