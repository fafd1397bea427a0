/**
 * The recording file is named in settings, but it always lives in the recordings folder (the app's
 * data folder, or one the user chose on the command line or in a native folder dialog): a setting
 * that reaches the file system is a name, never a path, so it cannot point at another file.
 */
const NAME = /^(?!\.)[^\\/:*?"<>|\p{Cc}]{1,120}\.wav$/iu

/** The rule in words, for field errors. */
export const RECORDING_NAME_RULE =
  'a file name ending in .wav, without folders (it is saved in the recordings folder)'

/** Whether `name` is a bare `.wav` file name (empty = no recording). */
export function isRecordingName(name: string): boolean {
  return name === '' || NAME.test(name)
}
