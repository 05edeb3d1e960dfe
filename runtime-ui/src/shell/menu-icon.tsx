import ArticleIcon from '@mui/icons-material/Article';
import AssignmentIcon from '@mui/icons-material/Assignment';
import BadgeIcon from '@mui/icons-material/Badge';
import BuildIcon from '@mui/icons-material/Build';
import BusinessIcon from '@mui/icons-material/Business';
import CalendarMonthIcon from '@mui/icons-material/CalendarMonth';
import ChecklistIcon from '@mui/icons-material/Checklist';
import DashboardIcon from '@mui/icons-material/Dashboard';
import DescriptionIcon from '@mui/icons-material/Description';
import DirectionsBoatIcon from '@mui/icons-material/DirectionsBoat';
import EngineeringIcon from '@mui/icons-material/Engineering';
import EventIcon from '@mui/icons-material/Event';
import FactCheckIcon from '@mui/icons-material/FactCheck';
import FlightIcon from '@mui/icons-material/Flight';
import FolderIcon from '@mui/icons-material/Folder';
import GroupIcon from '@mui/icons-material/Group';
import HomeIcon from '@mui/icons-material/Home';
import HotelIcon from '@mui/icons-material/Hotel';
import InventoryIcon from '@mui/icons-material/Inventory2';
import ListAltIcon from '@mui/icons-material/ListAlt';
import LocalShippingIcon from '@mui/icons-material/LocalShipping';
import PaymentsIcon from '@mui/icons-material/Payments';
import PersonIcon from '@mui/icons-material/Person';
import PlaceIcon from '@mui/icons-material/Place';
import ReportProblemIcon from '@mui/icons-material/ReportProblem';
import SettingsIcon from '@mui/icons-material/Settings';
import ShieldIcon from '@mui/icons-material/Shield';
import TableRowsIcon from '@mui/icons-material/TableRows';
import TaskAltIcon from '@mui/icons-material/TaskAlt';
import VerifiedIcon from '@mui/icons-material/Verified';
import WarningIcon from '@mui/icons-material/Warning';
import WorkIcon from '@mui/icons-material/Work';
import type { SvgIconComponent } from '@mui/icons-material';

/**
 * Icons a menu definition may name (Material Symbols names). A registry rather than every icon:
 * importing all of them would weigh megabytes. An unknown name falls back to a list icon.
 */
const ICONS: Record<string, SvgIconComponent> = {
  article: ArticleIcon,
  assignment: AssignmentIcon,
  badge: BadgeIcon,
  build: BuildIcon,
  business: BusinessIcon,
  calendar_month: CalendarMonthIcon,
  checklist: ChecklistIcon,
  dashboard: DashboardIcon,
  description: DescriptionIcon,
  directions_boat: DirectionsBoatIcon,
  engineering: EngineeringIcon,
  event: EventIcon,
  fact_check: FactCheckIcon,
  flight: FlightIcon,
  folder: FolderIcon,
  group: GroupIcon,
  groups: GroupIcon,
  home: HomeIcon,
  hotel: HotelIcon,
  inventory: InventoryIcon,
  inventory_2: InventoryIcon,
  list: ListAltIcon,
  list_alt: ListAltIcon,
  local_shipping: LocalShippingIcon,
  payments: PaymentsIcon,
  person: PersonIcon,
  people: GroupIcon,
  place: PlaceIcon,
  location_on: PlaceIcon,
  report_problem: ReportProblemIcon,
  settings: SettingsIcon,
  shield: ShieldIcon,
  table_rows: TableRowsIcon,
  task_alt: TaskAltIcon,
  verified: VerifiedIcon,
  warning: WarningIcon,
  work: WorkIcon,
};

export function MenuIcon({ name, fontSize = 'medium' }: { name?: string; fontSize?: 'small' | 'medium' }) {
  const Icon = (name && ICONS[name]) || TableRowsIcon;
  return <Icon fontSize={fontSize} />;
}
