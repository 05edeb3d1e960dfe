import {
  Alert,
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogContentText,
  DialogTitle,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@mui/material';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useRef, useState } from 'react';
import type { ImportCheck } from '../api/designer-types.ts';
import { dkeys, useDesignerApi } from '../api/queries.ts';
import { ConfirmNameField } from '../components/confirm-name-field.tsx';
import { errorMessage } from '../components/error-message.ts';
import { IssueList } from '../components/issue-list.tsx';
import { planIsDestructive, PlanProblems, PlanSteps } from '../components/plan-steps.tsx';
import { useDesignerT } from '../i18n/i18n.ts';

/** Whether a checked import may be applied: no issue and every dependency satisfied. */
export const importApplicable = (c: ImportCheck) =>
  !!c.importId && c.issues.length === 0 && c.dependencies.every((d) => d.ok) && !c.problems?.length;

/** Import a .zip: upload (nothing applied), read its issues, dependencies and plan, then apply. */
export function ImportDialog({ onClose }: { onClose: () => void }) {
  const t = useDesignerT();
  const d = useDesignerApi();
  const qc = useQueryClient();
  const titleId = useId();
  const input = useRef<HTMLInputElement>(null);
  const [typed, setTyped] = useState('');
  const check = useMutation({ mutationFn: (file: File) => d.importZip(file) });
  const apply = useMutation({
    mutationFn: (c: ImportCheck) => d.applyImport(c.importId ?? '', planIsDestructive(c.plan) ? typed : undefined),
    onSuccess: () => qc.invalidateQueries({ queryKey: dkeys.bundles }),
  });
  const c = check.data;
  const needsName = planIsDestructive(c?.plan);

  return (
    <Dialog open onClose={onClose} aria-labelledby={titleId} maxWidth="md" fullWidth>
      <DialogTitle id={titleId}>{t('import.title')}</DialogTitle>
      <DialogContent>
        {apply.isSuccess ? (
          <Alert severity="success" role="status">
            {t('import.done', { name: c?.bundle, version: apply.data?.version ?? c?.version })}
          </Alert>
        ) : (
          <Stack spacing={2}>
            <DialogContentText>{t('import.intro')}</DialogContentText>
            <div>
              <Button variant="outlined" disabled={check.isPending} onClick={() => input.current?.click()}>
                {check.isPending ? t('import.checking') : t('import.choose')}
              </Button>
              {/* The browser's own file field is hidden: the button above opens it. */}
              <input
                ref={input}
                type="file"
                accept=".zip,application/zip"
                hidden
                tabIndex={-1}
                aria-hidden
                onChange={(e) => {
                  const file = e.target.files?.[0];
                  if (file) {
                    setTyped('');
                    apply.reset();
                    check.mutate(file);
                  }
                  e.target.value = '';
                }}
              />
            </div>
            {check.isError && <Alert severity="error">{errorMessage(check.error, t)}</Alert>}
            {c && (
              <>
                <Typography component="h2" variant="h6">
                  {t('import.bundle', { name: c.bundle, version: c.version })}
                </Typography>
                {c.issues.length > 0 ? (
                  <>
                    <Alert severity="error">{t('import.issues', { count: c.issues.length })}</Alert>
                    <IssueList issues={c.issues} />
                  </>
                ) : (
                  <Alert severity="success">{t('import.valid')}</Alert>
                )}
                {c.dependencies.length > 0 && (
                  <Table size="small" aria-label={t('import.dependencies')}>
                    <TableHead>
                      <TableRow>
                        <TableCell>{t('bundles.name')}</TableCell>
                        <TableCell>{t('import.range')}</TableCell>
                        <TableCell>{t('import.installed')}</TableCell>
                        <TableCell>{t('import.check')}</TableCell>
                      </TableRow>
                    </TableHead>
                    <TableBody>
                      {c.dependencies.map((dep) => (
                        <TableRow key={dep.name}>
                          <TableCell>{dep.name}</TableCell>
                          <TableCell>{dep.range}</TableCell>
                          <TableCell>{dep.installed ?? t('import.missing')}</TableCell>
                          <TableCell sx={{ color: dep.ok ? 'success.main' : 'error.main' }}>
                            {dep.ok ? t('import.ok') : t('import.notOk')}
                          </TableCell>
                        </TableRow>
                      ))}
                    </TableBody>
                  </Table>
                )}
                {c.plan && <PlanSteps plan={c.plan} />}
                <PlanProblems problems={c.problems} />
                {needsName && <ConfirmNameField name={c.bundle} value={typed} onChange={setTyped} />}
                {apply.isError && <Alert severity="error">{errorMessage(apply.error, t)}</Alert>}
              </>
            )}
          </Stack>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{apply.isSuccess ? t('common.close') : t('common.cancel')}</Button>
        {c && !apply.isSuccess && (
          <Button
            variant="contained"
            color={needsName ? 'error' : 'primary'}
            disabled={!importApplicable(c) || (needsName && typed !== c.bundle) || apply.isPending}
            onClick={() => apply.mutate(c)}
          >
            {t('import.apply')}
          </Button>
        )}
      </DialogActions>
    </Dialog>
  );
}
