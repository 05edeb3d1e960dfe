import { Alert, Button, Chip, Stack, Typography } from '@mui/material';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../api/api-context.tsx';
import { isApiError } from '../api/api-error.ts';
import type { DataResponse, Me } from '../api/api-types.ts';
import { keys } from '../api/queries.ts';
import { EnrolDialog } from './enrol-dialog.tsx';
import { PasswordDialog } from './password-dialog.tsx';
import { ProfileSection } from './profile-section.tsx';
import { SecretOnceDialog } from './secret-once-dialog.tsx';

type Open = 'enrol' | 'codes' | 'disable' | null;

/** The second factor: turn it on (QR code), new backup codes, turn it off. */
export function TwoFactorSection({ me }: { me: Me }) {
  const { t } = useTranslation();
  const api = useApi();
  const qc = useQueryClient();
  const [open, setOpen] = useState<Open>(null);
  const [codes, setCodes] = useState<string[] | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const refreshMe = () => qc.invalidateQueries({ queryKey: keys.me });
  const renew = useMutation({
    mutationFn: (body: { currentPassword: string }) =>
      api
        .post<DataResponse<{ backupCodes: string[] }>>('/api/v1/auth/2fa/backup-codes', body)
        .then((r) => r.data.backupCodes),
    onSuccess: (c) => {
      setOpen(null);
      setCodes(c);
    },
  });
  const disable = useMutation({
    mutationFn: (body: { currentPassword: string; code?: string; backupCode?: string }) =>
      api.post('/api/v1/auth/2fa/disable', body),
    onSuccess: () => {
      setOpen(null);
      setNotice(t('profile.twoFactor.turnedOff'));
      void refreshMe();
    },
    // A role that requires the second factor: nothing to retry in the dialog, say why instead.
    onError: (e) => {
      if (isApiError(e) && e.code === 'second_factor_required') setOpen(null);
    },
  });
  const required = isApiError(disable.error) && disable.error.code === 'second_factor_required';
  const close = () => {
    setOpen(null);
    renew.reset();
    if (!required) disable.reset();
  };
  return (
    <ProfileSection
      title={t('profile.twoFactor.title')}
      action={
        <Chip
          color={me.secondFactor ? 'success' : 'default'}
          label={me.secondFactor ? t('profile.twoFactor.on') : t('profile.twoFactor.off')}
        />
      }
    >
      <Stack spacing={2}>
        <Typography color="text.secondary">{t('profile.twoFactor.explain')}</Typography>
        {notice && (
          <Alert severity="success" onClose={() => setNotice(null)}>
            {notice}
          </Alert>
        )}
        {required && <Alert severity="warning">{t('profile.twoFactor.requiredByRole')}</Alert>}
        <Stack direction="row" spacing={1} sx={{ flexWrap: 'wrap', rowGap: 1 }}>
          {me.secondFactor ? (
            <>
              <Button variant="outlined" onClick={() => setOpen('codes')}>
                {t('profile.twoFactor.newCodes')}
              </Button>
              <Button color="error" onClick={() => setOpen('disable')}>
                {t('profile.twoFactor.turnOff')}
              </Button>
            </>
          ) : (
            <Button variant="contained" onClick={() => setOpen('enrol')}>
              {t('profile.twoFactor.setUp')}
            </Button>
          )}
        </Stack>
      </Stack>
      {open === 'enrol' && (
        <EnrolDialog
          onClose={close}
          onDone={(c) => {
            setOpen(null);
            setCodes(c);
            setNotice(t('profile.twoFactor.turnedOn'));
            void refreshMe();
          }}
        />
      )}
      {open === 'codes' && (
        <PasswordDialog
          title={t('profile.twoFactor.newCodes')}
          intro={<Typography>{t('profile.twoFactor.newCodesIntro')}</Typography>}
          confirmLabel={t('profile.twoFactor.newCodes')}
          pending={renew.isPending}
          error={renew.error}
          onConfirm={(b) => renew.mutate({ currentPassword: b.currentPassword })}
          onClose={close}
        />
      )}
      {open === 'disable' && (
        <PasswordDialog
          title={t('profile.twoFactor.turnOff')}
          intro={<Typography>{t('profile.twoFactor.turnOffIntro')}</Typography>}
          confirmLabel={t('profile.twoFactor.turnOff')}
          askCode
          pending={disable.isPending}
          error={required ? null : disable.error}
          onConfirm={(b) => disable.mutate(b)}
          onClose={close}
        />
      )}
      {codes && (
        <SecretOnceDialog
          title={t('profile.twoFactor.backupCodes')}
          lines={codes}
          fileName="opsflux-backup-codes.txt"
          onClose={() => setCodes(null)}
        />
      )}
    </ProfileSection>
  );
}
