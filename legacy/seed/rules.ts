/**
 * The supervision rules the seed plants anomalies against and the manifest judges by. One object,
 * shared by the generator and the manifest, so a changed threshold moves both. Graph code must not
 * import this: it keeps its own configuration (DOMAIN.md: the interval rules are configurable).
 */
export const RULES = {
  /** Fixed maintenance interval (TSG T5002-2017, half-monthly): overdue when the last one is older. */
  maintenanceIntervalDays: 15,
  /**
   * Interval for an elevator under on-demand maintenance (按需维保) that is eligible on asOf: enrolled
   * (`onDemand`), maintainer credit class better than C (A or B), its latest inspection valid
   * (nextDueOn on or after asOf and conclusion not FAIL), remote monitoring and insured.
   */
  onDemandIntervalDays: 30,
  /** More distinct elevators than this signed by one certificate on one day is implausible (借证挂靠). */
  certificateDailyElevatorLimit: 12,
  /** Operator certificate items that may sign elevator maintenance: T 电梯修理 (TSG Z6001 item list, DOMAIN.md). */
  elevatorCertificateItems: ['T'] as readonly string[],
  /** "Old" elevators: installed more than this many years before asOf. */
  oldElevatorYears: 15,
  /** Days of maintenance history the seed keeps per elevator (bounds the city's size). */
  maintenanceHistoryDays: 60,
  /** Credit snapshot is this many days before asOf; daily increments cover the rest. */
  creditSnapshotDaysBeforeAsOf: 14,
  /** Installations this recent carry the installer (installerUscc). */
  installerRecordedDays: 730,
  /** Annual reports for year Y are due 1 January to 30 June of Y+1. */
  annualReportDueMonthDay: '06-30',
  /**
   * The world's clock: asOf at this Shanghai time (minutes after midnight; 23:59, the time the embedded
   * stack's `CLOCK=seed` stands at). Alarms are raised before it; "the last 24 hours" end at it.
   */
  clockMinuteOfAsOf: 1439,
  /** Days of alarms the platform keeps (its feed starts this many days before the clock). */
  alarmHistoryDays: 30,
  /** Rescue arrival target for an entrapment (困人): arriving later than this many minutes is a breach. */
  rescueArrivalTargetMinutes: 30,
  /**
   * A visit is too short when it lasted fewer minutes than this per item signed (README "Maintenance
   * quality": an assumption, TSG T5002 sets no duration).
   */
  maintenanceMinutesPerItem: 5,
} as const;

/**
 * TSG T5002 (电梯维护保养规则) schedule as the manifest reads it: the items each kind of visit adds; a visit
 * of a kind must do its own items and those of every shorter period (a yearly visit is also a half-yearly,
 * quarterly and half-monthly one). On-demand visits have their own list. README "Maintenance quality".
 */
export const MAINTENANCE_SCHEDULE = {
  HALF_MONTHLY: { includes: null, adds: ['机房环境', '曳引机运行', '制动器动作', '层门和轿门', '紧急报警装置'] },
  QUARTERLY: { includes: 'HALF_MONTHLY', adds: ['限速器轮槽', '缓冲器'] },
  HALF_YEARLY: { includes: 'QUARTERLY', adds: ['曳引钢丝绳', '对重块'] },
  YEARLY: { includes: 'HALF_YEARLY', adds: ['绝缘电阻测试', '上行超速保护'] },
  ON_DEMAND: { includes: null, adds: ['远程监测数据核查', '制动器动作', '层门和轿门', '紧急报警装置'] },
} as const;

export type Rules = typeof RULES;

/** How often the generator plants each anomaly (fractions of the population named). */
export const PLANT_RATES = {
  /** of in-use elevators: last maintenance beyond the allowed interval */
  overdueMaintenance: 0.03,
  /** of maintainers: at least one each of expired, suspended and out-of-scope repair licences */
  unlicensedMaintainers: 0.02,
  /** of maintainer technicians: also sign for another company */
  multiCompanyCertificates: 0.01,
  /** of maintainer technicians: one day signing more elevators than the limit */
  overDailyLimitCertificates: 0.005,
  /** of maintainer technicians, each (≥ 1): filed under another employer; signing after expiry (and as many expiring on their last signing day) */
  otherCertificateMisuse: 0.005,
  /** of licence holders: no annual report for the previous year */
  missingAnnualReports: 0.04,
  /** of hazards: open past deadline */
  overdueRectifications: 0.15,
  /** of open major hazards (≥ 1): equipment not stopped (still IN_USE) */
  majorHazardsInUse: 0.15,
  /** of major hazards: open and supervised (挂牌督办) */
  supervisedMajorHazards: 0.4,
  /** of in-use equipment: latest inspection past its next due date */
  overdueInspections: 0.02,
  /** of elevators installed in the last two years: installed by a maintainer without an INSTALLATION licence */
  unlicensedInstallations: 0.03,
  /** of entrapments: rescue arrival later than the target (others arrive within 28 minutes) */
  rescueArrivalBreaches: 0.04,
  /** of maintenance records, each (≥ 2): a quarterly or longer visit without its period's items; a visit too short */
  maintenanceQuality: 0.001,
} as const;
