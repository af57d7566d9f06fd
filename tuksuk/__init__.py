"""Tuksuk (ทุกข์-สุข): information system of the pilot-district programme "บำบัดทุกข์ บำรุงสุข"."""
