import {
  Alert,
  Box,
  Card,
  CardContent,
  CardHeader,
  Chip,
  Grid,
  List,
  ListItem,
  ListItemButton,
  ListItemText,
  Skeleton,
  Typography,
} from '@mui/material';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink } from 'react-router';
import type { Abilities } from '../api/api-types.ts';
import { splitEntityKey, useAbilities, useBundles, useMe, usePendingApprovals } from '../api/queries.ts';
import { ReferenceLabel } from '../components/reference-label.tsx';
import { useDefText } from '../i18n/definition-text.ts';
import { listPath, mayRead, recordUrl } from '../shell/navigation.ts';
import { useCrumbs } from '../shell/page-crumbs.tsx';
import { FollowedCounts } from './followed-counts.tsx';
import { recentRecords } from './recent-records.ts';

const entityLabel = (abilities: Abilities | undefined, key: string) => abilities?.entities[key]?.label ?? key;

/** What awaits the user, what they opened last, and what is installed. */
export function HomePage() {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const abilities = useAbilities();
  useCrumbs([]);
  const date = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' });
  const recent = me.data ? recentRecords(me.data.id) : [];
  return (
    <Box sx={{ maxWidth: 1200 }}>
      <Typography component="h1" variant="h4" gutterBottom>
        {me.data ? t('home.welcome', { name: me.data.firstName }) : t('home.title')}
      </Typography>
      <Grid container spacing={2}>
        <Grid size={{ xs: 12, md: 6 }}>
          <PendingCard abilities={abilities.data} format={(d) => date.format(new Date(d))} />
        </Grid>
        <Grid size={{ xs: 12, md: 6 }}>
          <Card variant="outlined" component="section" aria-labelledby="home-recent">
            <CardHeader
              title={t('home.recentTitle')}
              slotProps={{ title: { component: 'h2', variant: 'h6', id: 'home-recent' } }}
            />
            <CardContent sx={{ pt: 0 }}>
              {recent.length === 0 ? (
                <Typography color="text.secondary">{t('home.recentEmpty')}</Typography>
              ) : (
                <List disablePadding>
                  {recent.map((r) => (
                    <ListItem key={`${r.bundle}.${r.entity}.${r.id}`} disablePadding>
                      <ListItemButton component={RouterLink} to={recordUrl(r.bundle, r.entity, r.id)}>
                        <ListItemText
                          primary={r.title}
                          secondary={`${r.entityLabel} · ${date.format(new Date(r.at))}`}
                        />
                      </ListItemButton>
                    </ListItem>
                  ))}
                </List>
              )}
            </CardContent>
          </Card>
        </Grid>
        <Grid size={12}>
          <FollowedCounts />
        </Grid>
        <Grid size={12}>
          <InstalledBundles abilities={abilities.data} />
        </Grid>
      </Grid>
    </Box>
  );
}

function PendingCard({ abilities, format }: { abilities: Abilities | undefined; format: (d: string) => string }) {
  const { t } = useTranslation();
  const pending = usePendingApprovals();
  return (
    <Card variant="outlined" component="section" aria-labelledby="home-pending">
      <CardHeader
        title={t('home.pendingTitle')}
        slotProps={{ title: { component: 'h2', variant: 'h6', id: 'home-pending' } }}
        action={pending.data?.length ? <Chip color="primary" label={pending.data.length} /> : undefined}
      />
      <CardContent sx={{ pt: 0 }}>
        {pending.isPending && <Skeleton variant="rounded" height={48} />}
        {pending.error && <Alert severity="error">{pending.error.message}</Alert>}
        {pending.data?.length === 0 && <Typography color="text.secondary">{t('home.pendingEmpty')}</Typography>}
        <List disablePadding>
          {pending.data?.map((p) => {
            const { bundle, entity } = splitEntityKey(p.entity, '');
            return (
              <ListItem key={p.stepId} disablePadding>
                <ListItemButton component={RouterLink} to={recordUrl(bundle, entity, p.recordId)}>
                  <ListItemText
                    primary={
                      <>
                        {entityLabel(abilities, p.entity)} · <ReferenceLabel target={p.entity} value={p.recordId} />
                      </>
                    }
                    secondary={`${t('home.pendingStep', { step: p.stepLabel, since: format(p.openedAt) })}${p.asDelegate ? ` (${t('home.asDelegate')})` : ''}`}
                  />
                </ListItemButton>
              </ListItem>
            );
          })}
        </List>
      </CardContent>
    </Card>
  );
}

/** The installed bundles and their entities, each a link to its list when the user may read it. */
function InstalledBundles({ abilities }: { abilities: Abilities | undefined }) {
  const { t } = useTranslation();
  const text = useDefText();
  const bundles = useBundles();
  if (bundles.isPending) return <Skeleton variant="rounded" height={96} />;
  if (bundles.error) return <Alert severity="error">{bundles.error.message}</Alert>;
  return (
    <Box component="section" aria-labelledby="home-bundles">
      <Typography id="home-bundles" component="h2" variant="h6" sx={{ mb: 1 }}>
        {t('home.bundlesTitle')}
      </Typography>
      {bundles.data.length === 0 && <Typography color="text.secondary">{t('home.bundlesEmpty')}</Typography>}
      <Grid container spacing={2}>
        {bundles.data.map((b) => (
          <Grid key={b.name} size={{ xs: 12, sm: 6, lg: 4 }}>
            <Card variant="outlined" component="section" className="bundle" sx={{ height: '100%' }}>
              <CardContent>
                <Typography component="h3" variant="subtitle1" sx={{ fontWeight: 700 }}>
                  {text(b.title, b.name)}{' '}
                </Typography>
                <Typography variant="caption" color="text.secondary">
                  {b.name} v{b.version}
                </Typography>
                {b.entities?.length ? (
                  <List dense disablePadding>
                    {b.entities.map((e) =>
                      mayRead(abilities, `${b.name}.${e.name}`) ? (
                        <ListItem key={e.name} disablePadding>
                          <ListItemButton component={RouterLink} to={listPath(b.name, e.name)}>
                            <ListItemText primary={text(e.pluralLabel ?? e.label, e.name)} />
                          </ListItemButton>
                        </ListItem>
                      ) : (
                        <ListItem key={e.name} sx={{ color: 'text.secondary' }}>
                          {text(e.pluralLabel ?? e.label, e.name)}
                        </ListItem>
                      ),
                    )}
                  </List>
                ) : (
                  <Typography color="text.secondary">{t('home.noEntities')}</Typography>
                )}
              </CardContent>
            </Card>
          </Grid>
        ))}
      </Grid>
    </Box>
  );
}
