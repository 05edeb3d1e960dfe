/**
 * The changes of the demo: invented, at sites of the core seed, each with the state it should
 * reach. Days are offsets from `today`: `start` the planned start, `end` the end of a temporary
 * change. Texts are short but say what a real MOC says.
 */
export type MocState =
  | 'draft'
  | 'evaluation'
  | 'validation'
  | 'board_review'
  | 'approved'
  | 'implementing'
  | 'pssr'
  | 'post_review'
  | 'closed'
  | 'refused_validation'
  | 'refused_board'
  | 'withdrawn'
  | 'recorded_in_kind';

export type ChangeType = 'permanent' | 'temporary' | 'urgent' | 'replacement_in_kind';

export interface ChangeRow {
  title: string;
  type: ChangeType;
  site: string;
  unit: string;
  state: MocState;
  start: number;
  end?: number;
  risk: 'low' | 'medium' | 'high';
  cost?: [number, 'USD' | 'EUR' | 'XAF' | 'NGN' | 'AOA'];
  scheduleDays?: number;
  why: string;
  basis: string;
  hazards: string;
  procedures: string;
  training?: false;
  documents?: [kind: string, title: string, reference: string][];
}

// prettier-ignore
export const CHANGES: ChangeRow[] = [
  { title: 'Raise PSV-2203 set pressure after the HP separator re-rating', type: 'permanent', site: 'CM-ESK-P1', unit: 'V-2200 / PSV-2203', state: 'closed', start: -80, risk: 'medium', cost: [18000, 'USD'], scheduleDays: 1,
    why: 'The HP separator was re-rated to 21 barg; the PSV still lifts at 18 barg and trips the train twice a month.', basis: 'Re-rating report ESK-MEC-RPT-0311, API 520/521 sizing check at 19.5 barg.', hazards: 'Higher relief set point: flare load recalculated, within the tip capacity. No new hazard per the HAZOP close-out.', procedures: 'Operating procedure OP-ESK-220 revised (alarm and trip settings).',
    documents: [['risk_analysis', 'HAZOP close-out report', 'ESK-P1-HAZ-0042'], ['study', 'PSV sizing calculation', 'ESK-P1-CAL-0188']] },
  { title: 'Bypass LSHH-1102 on the test separator during the transmitter replacement', type: 'temporary', site: 'CM-ESK-P1', unit: 'V-1100 / LSHH-1102', state: 'post_review', start: -20, end: -5, risk: 'high',
    why: 'The level transmitter must be replaced while the test separator stays on line.', basis: 'Instrument datasheet and vendor procedure; bypass per override register.', hazards: 'Loss of the high-high level trip: a dedicated operator watches the sight glass, manual shutdown at 80 %.', procedures: 'Temporary operating instruction TOI-ESK-017.',
    documents: [['procedure', 'Temporary operating instruction', 'TOI-ESK-017']] },
  { title: 'Engineered clamp on produced water line 6"-PW-2210', type: 'temporary', site: 'GA-OBA-PA', unit: '6"-PW-2210', state: 'implementing', start: -3, end: 40, risk: 'medium', cost: [42000000, 'XAF'],
    why: 'Pinhole leak on the produced water line; replacement spool on order, delivery in five weeks.', basis: 'Clamp design calculation by the vendor, ASME PCC-2 Article 2.6.', hazards: 'Clamp failure would release oily water: inspection twice a week, drip tray under the clamp.', procedures: 'Inspection routine added to the maintenance plan.' },
  { title: 'Fire water pump diesel engine of a different model', type: 'permanent', site: 'GA-OBA-PA', unit: 'P-8001B', state: 'board_review', start: 30, risk: 'medium', cost: [310000, 'USD'], scheduleDays: 4,
    why: 'The original engine model is obsolete; spares are no longer available.', basis: 'NFPA 20 compliance review of the new engine; torsional analysis.', hazards: 'Fire pump unavailable during the swap: the A pump and a temporary pump cover it.', procedures: 'Fire pump test procedure and maintenance routines revised.',
    documents: [['datasheet', 'New engine datasheet', 'OBA-PA-DS-8001B'], ['study', 'Torsional analysis', 'OBA-PA-CAL-0920']] },
  { title: 'Replace gas detector GD-311 with the same make and model', type: 'replacement_in_kind', site: 'CM-ESK-P2', unit: 'GD-311', state: 'recorded_in_kind', start: -12, risk: 'low',
    why: 'Detector failed its bump test.', basis: 'Same manufacturer, model and calibration range (SIL certificate unchanged).', hazards: 'None beyond the usual detector change-out.', procedures: 'None.', training: false },
  { title: 'Temporary jumper to restore export after the riser leak', type: 'urgent', site: 'CG-LOE-FPSO', unit: 'Export riser R-2', state: 'implementing', start: -2, risk: 'high', cost: [1250000, 'USD'], scheduleDays: 6,
    why: 'Export riser R-2 leaks; production is shut in until a jumper routes export through riser R-3.', basis: 'Riser R-3 capacity check, jumper design by the subsea contractor.', hazards: 'Higher flow in R-3: erosion monitoring, pressure limited to 85 bar.', procedures: 'Export start-up procedure revised for R-3 alone.' },
  { title: 'Corrosion inhibitor from a new supplier', type: 'permanent', site: 'NG-IWK-FPSO', unit: 'Chemical injection skid CI-400', state: 'validation', start: 25, risk: 'medium', cost: [-85000, 'USD'],
    why: 'The new product costs 20 % less at the same dosage.', basis: 'Laboratory compatibility tests and field trial report.', hazards: 'New safety data sheet: same hazard class; compatibility with elastomers checked.', procedures: 'Chemical handling procedure and SDS binder updated.' },
  { title: 'Twelve-bed accommodation module on the wellhead platform', type: 'permanent', site: 'CG-LOE-WHP1', unit: 'Upper deck', state: 'evaluation', start: 120, risk: 'high', cost: [2400000, 'USD'], scheduleDays: 20,
    why: 'The platform sleeps 12 and has 10 lifeboat seats a side; campaigns need 20 people on board.', basis: 'Weight and structural study pending; lifeboat capacity to be raised accordingly.', hazards: 'More people on board: escape routes, muster area and lifeboats to be resized.', procedures: 'Emergency response plan and muster list to be revised.' },
  { title: 'ESD cause and effect change for compressor K-201', type: 'permanent', site: 'NG-IWK-FPSO', unit: 'K-201', state: 'pssr', start: -30, risk: 'high', cost: [65000, 'USD'],
    why: 'Spurious trips on the suction scrubber level: a 2oo3 vote instead of 1oo2.', basis: 'SIL verification report, vendor recommendation.', hazards: 'Voting change reviewed in a SIL workshop; the SIL 2 target still met.', procedures: 'Cause and effect chart and operating manual revised.',
    documents: [['study', 'SIL verification', 'IWK-INS-SIL-0077'], ['p_and_id', 'Suction scrubber P&ID', 'IWK-PID-2010']] },
  { title: 'One night-shift operator fewer on the FPSO', type: 'permanent', site: 'GQ-BAN-FPSO', unit: 'Operations crew', state: 'refused_board', start: 60, risk: 'high', cost: [-240000, 'USD'],
    why: 'Cost reduction target.', basis: 'Workload study of the night shift.', hazards: 'Fewer hands for an emergency response at night.', procedures: 'Station bill and night rounds to be revised.' },
  { title: 'Replace the HP flare tip', type: 'permanent', site: 'AO-MUS-FPSO', unit: 'Flare F-100', state: 'approved', start: 15, risk: 'medium', cost: [780000, 'USD'], scheduleDays: 3,
    why: 'Tip damaged; smoke at high flaring rates.', basis: 'Flare radiation study with the new tip geometry.', hazards: 'Hot work at height during a shutdown; radiation levels on deck unchanged.', procedures: 'Shutdown and flare start-up procedures.' },
  { title: 'Temporary diesel generator on the main deck', type: 'temporary', site: 'CM-ESK-P2', unit: 'Main deck, grid C4', state: 'approved', start: 2, end: 12, risk: 'medium', cost: [15000, 'EUR'],
    why: 'Main generator overhaul.', basis: 'Load list and deck loading check.', hazards: 'Diesel storage and exhaust near the process area: hazardous area drawing checked, gas detection interlock.', procedures: 'Temporary power procedure.' },
  { title: 'DCS software upgrade to the vendor’s supported release', type: 'permanent', site: 'GA-OBA-PA', unit: 'DCS', state: 'draft', start: 90, risk: 'medium',
    why: 'The current release loses vendor support next year.', basis: '', hazards: '', procedures: '' },
  { title: 'Pigging procedure for the 10" export line', type: 'permanent', site: 'CM-ESK-P1', unit: '10"-EX-1001', state: 'closed', start: -60, risk: 'low', training: false,
    why: 'Wax build-up; the line must be pigged every two weeks.', basis: 'Flow assurance study.', hazards: 'Pig launcher opening: double block and bleed, gas test before opening.', procedures: 'New procedure OP-ESK-410.' },
  { title: 'Produced water discharge temperature limit raised to 45 °C', type: 'permanent', site: 'NG-IWK-FPSO', unit: 'Produced water caisson', state: 'refused_validation', start: 45, risk: 'high',
    why: 'Coolers undersized since the production increase.', basis: 'Heat balance.', hazards: 'Permit limit is 40 °C: environmental non-compliance.', procedures: 'None proposed.' },
  { title: 'Move the laydown area of the Douala base', type: 'permanent', site: 'CM-DLA-BASE', unit: 'Yard B', state: 'withdrawn', start: 40, risk: 'low',
    why: 'Free space for a new warehouse.', basis: 'Ground bearing survey.', hazards: 'Crane and truck traffic routes change.', procedures: 'Yard traffic plan.' },
  { title: 'Scaffold access to the riser balcony during inspection', type: 'temporary', site: 'CM-ESK-P2', unit: 'Riser balcony', state: 'closed', start: -40, end: -10, risk: 'medium', training: false,
    why: 'Close visual inspection of the risers.', basis: 'Scaffold design by the scaffolding contractor.', hazards: 'Work over water: fall protection and standby boat.', procedures: 'Scaffold inspection tags.' },
  { title: 'Control valve trim of the same specification on FV-2301', type: 'replacement_in_kind', site: 'NG-IWK-FPSO', unit: 'FV-2301', state: 'draft', start: 10, risk: 'low', training: false,
    why: 'Trim worn.', basis: 'Same part number from the original manufacturer.', hazards: 'None beyond the usual valve work.', procedures: 'None.' },
  { title: 'Fixed H2S detection at the Nyanga separation area', type: 'permanent', site: 'GA-NYA-ONS', unit: 'Separation area', state: 'evaluation', start: 70, risk: 'medium', cost: [95000000, 'XAF'],
    why: 'Sour wells tied in next year.', basis: 'Gas dispersion study in progress.', hazards: 'H2S exposure of operators; detection and alarm reduce it.', procedures: 'H2S procedure and training for the site crew.' },
  { title: 'Lifeboat davit winch of a different model', type: 'permanent', site: 'AO-MUS-FPSO', unit: 'Lifeboat 3 davit', state: 'validation', start: 35, risk: 'high', cost: [220000, 'USD'],
    why: 'Winch obsolete.', basis: 'SOLAS LSA code compliance certificate of the new winch.', hazards: 'Lifeboat 3 out of service during the change: POB reduced by its 50 seats.', procedures: 'Lifeboat drill procedure.' },
];
