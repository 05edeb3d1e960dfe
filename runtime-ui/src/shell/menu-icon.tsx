import AddBusinessIcon from '@mui/icons-material/AddBusiness';
import AddHomeWorkIcon from '@mui/icons-material/AddHomeWork';
import AddIcon from '@mui/icons-material/Add';
import AddLocationIcon from '@mui/icons-material/AddLocation';
import AddTaskIcon from '@mui/icons-material/AddTask';
import AdminPanelSettingsIcon from '@mui/icons-material/AdminPanelSettings';
import ArticleIcon from '@mui/icons-material/Article';
import AssignmentIcon from '@mui/icons-material/Assignment';
import BadgeIcon from '@mui/icons-material/Badge';
import BedIcon from '@mui/icons-material/Bed';
import BuildIcon from '@mui/icons-material/Build';
import BusinessIcon from '@mui/icons-material/Business';
import CalendarMonthIcon from '@mui/icons-material/CalendarMonth';
import CategoryIcon from '@mui/icons-material/Category';
import ChangeCircleIcon from '@mui/icons-material/ChangeCircle';
import ChecklistIcon from '@mui/icons-material/Checklist';
import ConstructionIcon from '@mui/icons-material/Construction';
import ContactsIcon from '@mui/icons-material/Contacts';
import DashboardIcon from '@mui/icons-material/Dashboard';
import DescriptionIcon from '@mui/icons-material/Description';
import DirectionsBoatIcon from '@mui/icons-material/DirectionsBoat';
import DomainIcon from '@mui/icons-material/Domain';
import EditNoteIcon from '@mui/icons-material/EditNote';
import EngineeringIcon from '@mui/icons-material/Engineering';
import EventBusyIcon from '@mui/icons-material/EventBusy';
import EventIcon from '@mui/icons-material/Event';
import FactCheckIcon from '@mui/icons-material/FactCheck';
import FlightIcon from '@mui/icons-material/Flight';
import FlightLandIcon from '@mui/icons-material/FlightLand';
import FolderIcon from '@mui/icons-material/Folder';
import GroupIcon from '@mui/icons-material/Group';
import GroupsIcon from '@mui/icons-material/Groups';
import HandshakeIcon from '@mui/icons-material/Handshake';
import HomeIcon from '@mui/icons-material/Home';
import HotelIcon from '@mui/icons-material/Hotel';
import HowToVoteIcon from '@mui/icons-material/HowToVote';
import Inventory2Icon from '@mui/icons-material/Inventory2';
import ListAltIcon from '@mui/icons-material/ListAlt';
import ListIcon from '@mui/icons-material/List';
import LocalShippingIcon from '@mui/icons-material/LocalShipping';
import LocationOnIcon from '@mui/icons-material/LocationOn';
import NoteAddIcon from '@mui/icons-material/NoteAdd';
import PaymentsIcon from '@mui/icons-material/Payments';
import PendingActionsIcon from '@mui/icons-material/PendingActions';
import PersonAddIcon from '@mui/icons-material/PersonAdd';
import PersonIcon from '@mui/icons-material/Person';
import PlaceIcon from '@mui/icons-material/Place';
import PublishedWithChangesIcon from '@mui/icons-material/PublishedWithChanges';
import RateReviewIcon from '@mui/icons-material/RateReview';
import ReportProblemIcon from '@mui/icons-material/ReportProblem';
import SellIcon from '@mui/icons-material/Sell';
import SettingsIcon from '@mui/icons-material/Settings';
import ShieldIcon from '@mui/icons-material/Shield';
import StraightenIcon from '@mui/icons-material/Straighten';
import TableRowsIcon from '@mui/icons-material/TableRows';
import TaskAltIcon from '@mui/icons-material/TaskAlt';
import TimerIcon from '@mui/icons-material/Timer';
import TuneIcon from '@mui/icons-material/Tune';
import VerifiedIcon from '@mui/icons-material/Verified';
import ViewKanbanIcon from '@mui/icons-material/ViewKanban';
import WarningIcon from '@mui/icons-material/Warning';
import WorkIcon from '@mui/icons-material/Work';
import WorkspacePremiumIcon from '@mui/icons-material/WorkspacePremium';
import type { SvgIconComponent } from '@mui/icons-material';

/**
 * Icons a menu definition may name (Material Symbols names, those the shipped bundles use and
 * common ones). A registry rather than every icon: importing all of them would weigh megabytes.
 * An unknown name falls back to a list icon; adding one is an import and a line here.
 */
const ICONS: Record<string, SvgIconComponent> = {
  add: AddIcon,
  add_business: AddBusinessIcon,
  add_home_work: AddHomeWorkIcon,
  add_location: AddLocationIcon,
  add_task: AddTaskIcon,
  admin_panel_settings: AdminPanelSettingsIcon,
  article: ArticleIcon,
  assignment: AssignmentIcon,
  badge: BadgeIcon,
  bed: BedIcon,
  build: BuildIcon,
  business: BusinessIcon,
  calendar_month: CalendarMonthIcon,
  category: CategoryIcon,
  change_circle: ChangeCircleIcon,
  checklist: ChecklistIcon,
  construction: ConstructionIcon,
  contacts: ContactsIcon,
  dashboard: DashboardIcon,
  description: DescriptionIcon,
  directions_boat: DirectionsBoatIcon,
  domain: DomainIcon,
  edit_note: EditNoteIcon,
  engineering: EngineeringIcon,
  event: EventIcon,
  event_busy: EventBusyIcon,
  fact_check: FactCheckIcon,
  flight: FlightIcon,
  flight_land: FlightLandIcon,
  folder: FolderIcon,
  group: GroupIcon,
  groups: GroupsIcon,
  handshake: HandshakeIcon,
  home: HomeIcon,
  hotel: HotelIcon,
  how_to_vote: HowToVoteIcon,
  inventory: Inventory2Icon,
  inventory_2: Inventory2Icon,
  list: ListIcon,
  list_alt: ListAltIcon,
  local_shipping: LocalShippingIcon,
  location_on: LocationOnIcon,
  note_add: NoteAddIcon,
  payments: PaymentsIcon,
  pending_actions: PendingActionsIcon,
  people: GroupIcon,
  person: PersonIcon,
  person_add: PersonAddIcon,
  place: PlaceIcon,
  published_with_changes: PublishedWithChangesIcon,
  rate_review: RateReviewIcon,
  report_problem: ReportProblemIcon,
  sell: SellIcon,
  settings: SettingsIcon,
  shield: ShieldIcon,
  straighten: StraightenIcon,
  table_rows: TableRowsIcon,
  task_alt: TaskAltIcon,
  timer: TimerIcon,
  tune: TuneIcon,
  verified: VerifiedIcon,
  view_kanban: ViewKanbanIcon,
  warning: WarningIcon,
  work: WorkIcon,
  workspace_premium: WorkspacePremiumIcon,
};

export function MenuIcon({ name, fontSize = 'medium' }: { name?: string; fontSize?: 'small' | 'medium' }) {
  const Icon = (name && ICONS[name]) || TableRowsIcon;
  return <Icon fontSize={fontSize} />;
}

/** The icon names the apps draw (the designer's icon picker offers these). */
export const MENU_ICON_NAMES: readonly string[] = Object.keys(ICONS).sort();
