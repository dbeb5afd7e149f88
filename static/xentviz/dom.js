// The parts of Streamlit's page these modules rely on, by the data-testid (or attribute)
// Streamlit gives them: one table, so a Streamlit upgrade that renames one is a change here.
// (style.css names the ones it styles itself.)

export const HOOK = {
  app: '[data-testid="stApp"]', // the whole app; carries data-test-script-state
  main: '[data-testid="stMain"]', // the main column, beside the sidebar
  element: '[data-testid="stElementContainer"]', // the box around one element
  block: '[data-testid="stVerticalBlock"]', // a container's column of elements
  slider: '[data-testid="stSlider"]', // a slider widget
  toast: '[data-testid="stToast"]', // a toast (st.toast)
};

// The attribute of HOOK.app that says whether the script is running ("running").
export const SCRIPT_STATE = "data-test-script-state";
// The attribute of HOOK.app that says whether the server is connected ("CONNECTED").
export const CONNECTION_STATE = "data-test-connection-state";
