import { Button } from '@mui/material';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { EnrolDialog } from './enrol-dialog.tsx';
import { PasswordSection } from './password-section.tsx';
import { SecretOnceDialog } from './secret-once-dialog.tsx';

/**
 * What a session must do before anything else (the engine's `pending`): set up the second
 * factor a role requires, or change an expired password. Done, the app opens.
 */
export function PendingStep({ pending, onDone }: { pending: string; onDone: () => void }) {
  const { t } = useTranslation();
  const [enrolling, setEnrolling] = useState(false);
  const [codes, setCodes] = useState<string[] | null>(null);
  if (pending === 'password_change') return <PasswordSection onChanged={onDone} />;
  if (pending !== 'mfa_enrolment') return null;
  return (
    <>
      <Button variant="contained" onClick={() => setEnrolling(true)}>
        {t('profile.twoFactor.setUp')}
      </Button>
      {enrolling && (
        <EnrolDialog
          onClose={() => setEnrolling(false)}
          onDone={(c) => {
            setEnrolling(false);
            setCodes(c);
          }}
        />
      )}
      {codes && (
        <SecretOnceDialog
          title={t('profile.twoFactor.backupCodes')}
          lines={codes}
          fileName="opsflux-backup-codes.txt"
          onClose={onDone}
        />
      )}
    </>
  );
}
