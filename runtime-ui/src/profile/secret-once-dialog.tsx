import ContentCopyIcon from '@mui/icons-material/ContentCopy';
import DownloadIcon from '@mui/icons-material/Download';
import { Alert, Box, Button, Dialog, DialogActions, DialogContent, DialogTitle, Stack } from '@mui/material';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

interface SecretOnceDialogProps {
  title: string;
  /** What the user must keep: backup codes, or one API key. */
  lines: string[];
  /** The downloaded file's name; no download button without it. */
  fileName?: string;
  onClose: () => void;
}

/**
 * A secret the engine shows once (backup codes, a new API key): copy it, download it, then
 * close. Closing asks nothing more: the warning says it will not be shown again.
 */
export function SecretOnceDialog({ title, lines, fileName, onClose }: SecretOnceDialogProps) {
  const { t } = useTranslation();
  const [copied, setCopied] = useState(false);
  const text = lines.join('\n');
  const copy = () =>
    void navigator.clipboard
      ?.writeText(text)
      .then(() => setCopied(true))
      .catch(() => setCopied(false));
  const download = () => {
    const url = URL.createObjectURL(new Blob([`${text}\n`], { type: 'text/plain' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = fileName ?? 'secret.txt';
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  };
  return (
    <Dialog open onClose={onClose} aria-labelledby="secret-once-title" maxWidth="sm" fullWidth>
      <DialogTitle id="secret-once-title">{title}</DialogTitle>
      <DialogContent>
        <Alert severity="warning" sx={{ mb: 2 }}>
          {t('profile.shownOnce')}
        </Alert>
        <Box
          component="pre"
          aria-label={title}
          tabIndex={0}
          sx={{
            m: 0,
            p: 2,
            bgcolor: 'action.hover',
            borderRadius: 1,
            fontFamily: 'monospace',
            fontSize: lines.length > 1 ? 16 : 14,
            whiteSpace: 'pre-wrap',
            wordBreak: 'break-all',
            columns: lines.length > 1 ? 2 : 1,
          }}
        >
          {text}
        </Box>
        <Stack direction="row" spacing={1} sx={{ mt: 2 }}>
          <Button startIcon={<ContentCopyIcon />} onClick={copy}>
            {copied ? t('profile.copied') : t('profile.copy')}
          </Button>
          {fileName && (
            <Button startIcon={<DownloadIcon />} onClick={download}>
              {t('profile.download')}
            </Button>
          )}
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button variant="contained" onClick={onClose}>
          {t('profile.savedIt')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
