"""The Streamlit plumbing every page shares: page-scoped state and widget keys
(:mod:`.session`), the address bar (:mod:`.url`), the shared controls (:mod:`.widgets`) and the
sections every lesson draws alike (:mod:`.sections`)."""
