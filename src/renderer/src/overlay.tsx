// Placeholder: the OBS overlay is built in the desktop-app issue.
export {}
